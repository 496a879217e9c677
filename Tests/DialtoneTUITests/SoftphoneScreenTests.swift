import Foundation
import SIPTestSupport
import Testing

/// The real `dialtone` screen, driven in tmux like a person, against sipp peers the tests
/// start: a redirect server answering 302 to an answering UAS, and a UAS that challenges
/// with 401 and checks the answer with `<verifyauth>`; and the built-in demo.
@Suite("The softphone screen in tmux", .serialized, .timeLimit(.minutes(3)),
       .enabled(if: TmuxSession.path != nil && SippProcess.path != nil, "tmux or sipp is not installed: skipping"))
struct SoftphoneScreenTests {
    /// Our account: no registrar, so nothing is sent before the call. T1 = 2 s so that
    /// the answering UAS's pauses do not draw INVITE retransmissions.
    static let accountArguments = ["--aor", "sip:alice@127.0.0.1", "--bind", "127.0.0.1:0", "--t1", "2000"]

    /// sipp as a UAS for one call, on free SIP and media ports (`-mp`: the default 6000
    /// collides between sipp runs), with the scenario's `-key`s.
    func uas(_ scenario: String, keys: [String: String] = [:]) async throws -> SippProcess {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scenarios/\(scenario)").path
        let arguments = ["-mp", String(try await freePortBlock(4))] + keys.sorted { $0.key < $1.key }.flatMap { ["-key", $0.key, $0.value] }
        return try await SippProcess(scenario: path, timeout: .seconds(60), arguments: arguments)
    }

    @Test func a302IsFollowedAndEveryStateAndMessageIsShown() async throws {
        let answer = try await uas("uas-answer.xml")
        defer { answer.stop() }
        let redirect = try await uas("uas-302.xml", keys: ["target_port": String(answer.port)])
        defer { redirect.stop() }
        let phone = try PhoneInTmux(arguments: Self.accountArguments)
        defer { phone.stop() }
        let tmux = phone.tmux

        await tmux.waitFor("alice@127.0.0.1")
        await tmux.waitFor("(no registrar)")
        phone.dial("sip:bob@127.0.0.1:\(redirect.port)")
        let states = await phone.watchStates(until: "Connected")
        #expect(states.starts(with: ["Calling"]) && states.contains("Trying") && states.contains("Ringing") && states.last == "Connected",
                "states seen: \(states)\n\(tmux.capture())")
        #expect(isOrdered(states, ["Calling", "Trying", "Ringing", "Connected"]), "states out of order: \(states)")

        // The ACK for the 2xx goes to the UAS's Contact (the dialog's remote target).
        let screen = await tmux.waitFor("ACK sip:127.0.0.1:\(answer.port)")
        #expect(screen.contains("moved temporarily to sip:bob@127.0.0.1:\(answer.port)"), "no 302 notice:\n\(screen)")
        #expect(screen.contains("302 from sip:bob@127.0.0.1:\(redirect.port), attempt 2"), "the notice does not say where from:\n\(screen)")
        for line in ["INVITE sip:bob@127.0.0.1:\(redirect.port)", "302 Moved Temporarily", "ACK sip:bob@127.0.0.1:\(redirect.port)",
                     "INVITE sip:bob@127.0.0.1:\(answer.port)", "100 Trying", "180 Ringing", "200 OK"] {
            #expect(screen.contains(line), "no log line \"\(line)\":\n\(screen)")
        }

        // h hangs up the selected call: BYE, its 200, and the call ends normally.
        tmux.send("h")
        let ended = await phone.watchStates(until: "Ended", timeout: .seconds(15))
        #expect(ended.last == "Ended", "states after h: \(ended)")
        let after = await tmux.waitFor("BYE sip:")
        #expect(after.contains("hung up"), "no end reason:\n\(after)")
        #expect(await answer.waitForExit() == 0, "the answering UAS did not complete its call\n\(answer.report)")
        #expect(await redirect.waitForExit() == 0, "the redirect server did not complete\n\(redirect.report)")

        // Resizes keep the layout; too small says so; growing back restores it.
        tmux.resize(columns: 80, rows: 24)
        // tmux cuts the old frame to 80 columns at once: wait for dialtone's own 80-column
        // frame (its rules end at column 80) before the next resize.
        let redrawn = await waitUntil(timeout: .seconds(10), interval: .milliseconds(100)) {
            tmux.capture().split(separator: "\n").contains { $0.hasPrefix("─ Log ") && $0.count == 80 && $0.hasSuffix("─") }
        }
        let small = tmux.capture()
        #expect(redrawn, "no 80-column frame:\n\(small)")
        #expect(small.split(separator: "\n").allSatisfy { $0.count <= 80 }, "wider than 80 columns:\n\(small)")
        #expect(small.contains("─ Calls "), "no call panel at 80x24:\n\(small)")
        tmux.resize(columns: 50, rows: 12)
        await tmux.waitFor("Terminal too small", timeout: .seconds(15))
        tmux.resize(columns: 120, rows: 40)
        let back = await tmux.waitFor("─ Calls ")
        #expect(!back.contains("Terminal too small") && back.contains("moved temporarily to"), "state lost after resizing:\n\(back)")

        // No call is up: q quits at once, and the terminal is given back.
        tmux.send("q")
        await phone.expectExitedAndTerminalRestored()
    }

    @Test func a401AsksForCredentialsAndTheAnswerIsVerified() async throws {
        let challenger = try await uas("uas-401.xml", keys: ["realm": "dialtone.test", "user": "alice", "password": "s3cret"])
        defer { challenger.stop() }
        let phone = try PhoneInTmux(arguments: Self.accountArguments)
        defer { phone.stop() }
        let tmux = phone.tmux

        await tmux.waitFor("alice@127.0.0.1")
        phone.dial("bob@127.0.0.1:\(challenger.port)")
        let prompt = await tmux.waitFor("Username: alice", timeout: .seconds(15))
        #expect(prompt.contains("401 Unauthorized to INVITE from 127.0.0.1:\(challenger.port) · realm \"dialtone.test\""), "prompt:\n\(prompt)")
        #expect(prompt.contains("Credentials needed"), "no question box:\n\(prompt)")
        // The 401 that asked stays in view behind the prompt.
        #expect(prompt.contains("401 Unauthorized "), "the 401 is hidden:\n\(prompt)")
        tmux.send("Enter")
        tmux.send("s3cret", literal: true)
        let masked = await tmux.waitFor("Password: ••••••")
        #expect(!masked.contains("s3cret"), "the password is on screen:\n\(masked)")
        tmux.send("Enter")

        let states = await phone.watchStates(until: "Connected")
        #expect(states.last == "Connected", "states seen: \(states)\n\(tmux.capture())")
        let screen = await tmux.waitFor("ACK sip:127.0.0.1:\(challenger.port)")
        for line in ["INVITE sip:bob@127.0.0.1:\(challenger.port)", "401 Unauthorized", "180 Ringing", "200 OK"] {
            #expect(screen.contains(line), "no log line \"\(line)\":\n\(screen)")
        }
        #expect(!screen.contains("s3cret"))

        // Colour by class: the 401 line and the 180 line (not the selected one) differ.
        let coloured = tmux.capture(colours: true)
        let fail = foreground(of: "401 Unauthorized  ", in: coloured)
        let ok = foreground(of: "180 Ringing  ", in: coloured)
        #expect(fail != nil && ok != nil && fail != ok, "401 drawn in \(String(describing: fail)), 180 in \(String(describing: ok))")

        // A call is up: q asks first; y hangs up (BYE) and quits.
        tmux.send("q")
        await tmux.waitFor("A call is up. Hang up and quit? (y/n)")
        tmux.send("y")
        await phone.expectExitedAndTerminalRestored()
        #expect(await challenger.waitForExit() == 0, "sipp did not accept the digest or the call did not end with BYE\n\(challenger.report)")
    }

    @Test func anIncomingCallRingsIsAnsweredWithAAndEndsWhenTheCallerHangsUp() async throws {
        let port = try await freePort()
        let phone = try PhoneInTmux(arguments: ["--aor", "sip:alice@127.0.0.1", "--bind", "127.0.0.1:\(port)", "--t1", "2000"])
        defer { phone.stop() }
        let tmux = phone.tmux
        await tmux.waitFor("alice@127.0.0.1")

        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scenarios/uac-call.xml").path
        let caller = try await SippProcess(scenario: path, remote: "127.0.0.1:\(port)", timeout: .seconds(60),
                                           arguments: ["-mp", String(try await freePortBlock(4))])
        defer { caller.stop() }
        let ringing = await tmux.waitFor("Incoming", timeout: .seconds(15))
        #expect(ringing.contains("carol@127.0.0.1"), "the caller is not named:\n\(ringing)")
        #expect(ringing.contains("180 Ringing"), "no 180 in the log:\n\(ringing)")

        // Outside the dial line, a answers.
        tmux.send("Escape")
        tmux.send("a")
        let states = await phone.watchStates(until: "Ended", timeout: .seconds(20))
        #expect(states.contains("Connected") && states.last == "Ended", "states seen: \(states)\n\(tmux.capture())")
        let screen = await tmux.waitFor("BYE sip:")
        #expect(screen.contains("200 OK"), "no 200 in the log:\n\(screen)")
        #expect(await caller.waitForExit() == 0, "the caller did not complete its call\n\(caller.report)")

        tmux.send("q")
        await phone.expectExitedAndTerminalRestored()
    }

    @Test func anIncomingCallRejectedWithRGets486() async throws {
        let port = try await freePort()
        let phone = try PhoneInTmux(arguments: ["--aor", "sip:alice@127.0.0.1", "--bind", "127.0.0.1:\(port)", "--t1", "2000"])
        defer { phone.stop() }
        let tmux = phone.tmux
        await tmux.waitFor("alice@127.0.0.1")

        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scenarios/uac-call-rejected.xml").path
        let caller = try await SippProcess(scenario: path, remote: "127.0.0.1:\(port)", timeout: .seconds(60),
                                           arguments: ["-mp", String(try await freePortBlock(4))])
        defer { caller.stop() }
        await tmux.waitFor("Incoming", timeout: .seconds(15))
        tmux.send("Escape")
        tmux.send("r")
        let states = await phone.watchStates(until: "Ended", timeout: .seconds(15))
        #expect(states.last == "Ended", "states seen: \(states)\n\(tmux.capture())")
        let screen = await tmux.waitFor("486 Busy Here")
        #expect(screen.contains("rejected here"), "no reason shown:\n\(screen)")
        #expect(await caller.waitForExit() == 0, "the caller did not see the 486\n\(caller.report)")

        tmux.send("q")
        await phone.expectExitedAndTerminalRestored()
    }

    @Test func theDemoRedirectsThenAsksForThePassword() async throws {
        let phone = try PhoneInTmux(arguments: [])
        defer { phone.stop() }
        let tmux = phone.tmux

        let start = await tmux.waitFor("Demo peer on 127.0.0.1:", timeout: .seconds(15))
        #expect(start.contains("username demo, password demo"), "no demo credentials on screen:\n\(start)")
        #expect(start.contains("303  302 to 401"), "the numbers are not listed:\n\(start)")
        await tmux.waitFor("demo@127.0.0.1", timeout: .seconds(5))
        await tmux.waitFor(" registered", timeout: .seconds(15))
        phone.dial("303")
        let prompt = await tmux.waitFor("Username: demo", timeout: .seconds(15))
        #expect(prompt.contains("moved temporarily to sip:401@127.0.0.1:"), "no 302 notice:\n\(prompt)")
        #expect(prompt.contains("realm \"dialtone-demo\""), "prompt:\n\(prompt)")
        tmux.send("Enter")
        tmux.send("demo", literal: true)
        tmux.send("Enter")
        let states = await phone.watchStates(until: "Connected")
        #expect(states.last == "Connected", "states seen: \(states)\n\(tmux.capture())")

        tmux.send("q")
        await tmux.waitFor("(y/n)")
        tmux.send("y")
        await phone.expectExitedAndTerminalRestored()
    }

    /// A call to the demo's 100 has a voice: the call panel shows the codec, the devices
    /// with level meters and live RTP figures; what we send comes back (the echo), so
    /// packets are counted both ways; `m` mutes, `p` holds (a re-INVITE with sendonly) and
    /// resumes, and a digit sends DTMF.
    @Test func theDemoCallShowsMediaAndHoldsAndMutes() async throws {
        let phone = try PhoneInTmux(arguments: ["--audio-device", "tone:440"], columns: 140)
        defer { phone.stop() }
        let tmux = phone.tmux
        await tmux.waitFor(" registered", timeout: .seconds(15))
        phone.dial("100")
        let media = await tmux.waitFor("♪ PCMU/8000 sendrecv", timeout: .seconds(15))
        #expect(media.contains("in tone 440 Hz"), "the input device is not named:\n\(media)")
        // The echo brings our packets back: the figures count both ways.
        let received = try Regex("rtp ↑[0-9]+ ↓[1-9][0-9]*")
        let echoed = await waitUntil(timeout: .seconds(10)) { tmux.capture().contains(received) }
        let figures = tmux.capture()
        #expect(echoed && figures.contains("loss "), "no packets back from the echo:\n\(figures)")
        tmux.send("Escape")
        tmux.send("m")
        await tmux.waitFor("  muted", timeout: .seconds(5))
        tmux.send("p")
        let held = await tmux.waitFor("on hold", timeout: .seconds(5))
        #expect(held.contains("sendonly"), "hold did not change the direction:\n\(held)")
        tmux.send("p")
        await tmux.waitFor("♪ PCMU/8000 sendrecv", timeout: .seconds(5))
        tmux.send("5")
        await tmux.waitFor("dtmf 5 →", timeout: .seconds(5))
        tmux.send("q")
        await tmux.waitFor("(y/n)")
        tmux.send("y")
        await phone.expectExitedAndTerminalRestored()
    }

    /// A contact from config.toml is dialled by name, and what was dialled is there
    /// (↑) when dialtone starts again: the history file outlives the run.
    @Test func aContactIsDialledByNameAndTheHistoryOutlivesTheRun() async throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("dialtone-tui-state-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let config = "[contacts]\nbusy = \"486\"\n"
        do {
            let phone = try PhoneInTmux(arguments: [], environment: ["XDG_STATE_HOME": state.path], config: config,
                                        rows: 50)
            defer { phone.stop() }
            let intro = await phone.tmux.waitFor(" registered", timeout: .seconds(15))
            #expect(intro.contains("Contacts (type a name") && intro.contains("  busy  486"), "no contacts listed:\n\(intro)")
            phone.dial("busy")
            // The call's end reason (the intro lists "486 Busy Here" too).
            let screen = await phone.tmux.waitFor("✗ 486 Busy Here")
            #expect(screen.contains("→ sip:486@127.0.0.1:"), "the contact's target was not dialled:\n\(screen)")
            phone.tmux.send("q")
            await phone.expectExitedAndTerminalRestored()
        }
        let file = state.appendingPathComponent("dialtone/history")
        #expect(try String(contentsOf: file, encoding: .utf8) == "busy\n")

        let again = try PhoneInTmux(arguments: [], environment: ["XDG_STATE_HOME": state.path], config: config)
        defer { again.stop() }
        await again.tmux.waitFor("Demo peer on 127.0.0.1:", timeout: .seconds(15))
        again.tmux.send("Up")
        await again.tmux.waitFor("Dial ▸ busy")
        again.tmux.send("Escape")
        again.tmux.send("q")
        await again.expectExitedAndTerminalRestored()
    }

    /// The demo's 301: the notice offers the new address, u takes it, and the history
    /// file then holds the new address in place of what was typed.
    @Test func a301IsOfferedAndTakenIntoTheHistory() async throws {
        let phone = try PhoneInTmux(arguments: [])
        defer { phone.stop() }
        let tmux = phone.tmux
        await tmux.waitFor(" registered", timeout: .seconds(15))
        phone.dial("301")
        let offered = await tmux.waitFor("u: dial it from now on")
        let notice = try #require(offered.split(separator: "\n").first { $0.contains("moved permanently to sip:100@127.0.0.1:") },
                                  "no 301 notice:\n\(offered)")
        let moved = try #require(notice.firstMatch(of: /sip:100@127\.0\.0\.1:[0-9]+/)).output
        _ = await phone.watchStates(until: "Connected")
        tmux.send("u")
        await tmux.waitFor("history: \(moved) replaces \"301\"")
        let file = phone.configHome.appendingPathComponent("dialtone/history")
        #expect(try String(contentsOf: file, encoding: .utf8) == "\(moved)\n")
        tmux.send("h")
        _ = await phone.watchStates(until: "Ended")
        tmux.send("q")
        await phone.expectExitedAndTerminalRestored()
    }

    /// A crash (a fault signal, or abort()) while the screen is up still leaves the
    /// terminal in canonical mode with echo, off the alternate screen, and the process dies
    /// of the signal as it would have. (The Swift backtracer, which still reports it, is
    /// off here: it takes seconds.)
    @Test(arguments: [SIGSEGV, SIGABRT])
    func aCrashGivesTheTerminalBack(signal: Int32) async throws {
        let phone = try PhoneInTmux(arguments: [], environment: ["SWIFT_BACKTRACE": "enable=no"])
        defer { phone.stop() }
        await phone.tmux.waitFor("Demo peer on 127.0.0.1:", timeout: .seconds(15))
        let pid = try #require(phone.dialtonePID, "no dialtone process under the pane")
        #expect(kill(pid, signal) == 0)
        await phone.expectExitedAndTerminalRestored(status: 128 + signal)
        #expect(!phone.tmux.capture().contains("Demo peer on"), "still on the alternate screen:\n\(phone.tmux.capture())")
    }
}

/// True when `wanted` appear in `seen` in that order (others may come between).
func isOrdered(_ seen: [String], _ wanted: [String]) -> Bool {
    var rest = wanted[...]
    for state in seen where state == rest.first { rest.removeFirst() }
    return rest.isEmpty
}

/// The foreground colour (`38;5;N`, `3N`, `9N`, or default) of the first character of
/// `text`, on the first line of a `capture-pane -e` screen whose plain text has it: how
/// tmux says the line is drawn.
func foreground(of text: String, in screen: String) -> String? {
    for line in screen.split(separator: "\n") {
        var plain = ""
        var colours: [String] = []
        var colour = "default"
        var rest = Substring(line)
        while !rest.isEmpty {
            if let match = rest.prefixMatch(of: /\x1b\[([0-9;]*)m/) {
                let codes = match.output.1.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
                var i = 0
                while i < codes.count {
                    switch codes[i] {
                    case "", "0", "39": colour = "default"
                    case "38" where i + 2 < codes.count && codes[i + 1] == "5": colour = "38;5;" + codes[i + 2]; i += 2
                    case let code where (30...37).contains(Int(code) ?? 0) || (90...97).contains(Int(code) ?? 0): colour = code
                    default: break
                    }
                    i += 1
                }
                rest = rest[match.range.upperBound...]
            } else {
                plain.append(rest.removeFirst())
                colours.append(colour)
            }
        }
        if let at = plain.range(of: text) {
            return colours[plain.distance(from: plain.startIndex, to: at.lowerBound)]
        }
    }
    return nil
}
