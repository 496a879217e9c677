import ArgumentParser
import DialtoneDemo
import SIPCore
import SIPUserAgent

/// `dialtone call URI --no-tui`: places one call and prints one line per event.
struct CallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Place one call and show every step of it.",
        discussion: """
        URI is what you would type on the dial line: sip:bob@host, sips:bob@host, bob@host, \
        bob (the account's domain) or a number. With no --aor the call goes out from an \
        anonymous local identity on an ephemeral port.

        Credentials, when a 401 or 407 asks: --user (or the account) for the username, \
        --password-file or DIALTONE_PASSWORD for the password, otherwise a prompt on the \
        terminal (standard error; lines ending in "Username:" and "Password:").

        Exit status: 0 the call connected and ended normally; 1 another error; 2 usage; \
        3 not reachable or no answer in time; 4 rejected (a final response of 400 or more); \
        5 authentication failed; 6 redirect failure (loop, too many, no usable Contact); \
        7 cancelled before it was answered (Ctrl-C or --duration).
        """
    )

    @Argument(help: "Who to call.")
    var uri: String

    @OptionGroup var account: AccountOptions

    @OptionGroup var media: MediaOptions

    @Flag(name: .customLong("no-tui"), help: "Print events as lines instead of starting the screen.")
    var noTUI = false

    @Option(help: ArgumentHelp("Hang up (or cancel) this many seconds after dialling.", valueName: "SECONDS"))
    var duration: Double?

    @Flag(help: "Start the built-in demo peer on 127.0.0.1 and call one of its numbers (100 answers, 302 redirects, 401 asks for demo/demo, 303 does both, 486 is busy).")
    var demo = false

    func validate() throws {
        try NumericFlag.check(duration, "--duration", in: NumericFlag.durationRange)
    }

    func run() async throws {
        guard noTUI else {
            throw ValidationError("the interactive screen for `call` is not available yet: add --no-tui")
        }
        let configuration = try account.flags.loadConfigurationOrExit()
        let accountValue = demo ? nil : try account.flags.account(from: configuration)
        var demoPeer: DemoPeer?
        if demo {
            do {
                demoPeer = try await DemoPeer.start()
            } catch {
                HeadlessSession.printPromptNote("dialtone: the demo peer cannot start: \(error)")
                throw ExitCode(HeadlessExitStatus.otherError)
            }
            HeadlessSession.printPromptNote("demo peer on \(demoPeer!.address): " + DemoPeer.numbers.map { "\($0.user) \($0.description)" }.joined(separator: "; "))
        }
        let domain = demoPeer.flatMap { try? SIPURI(parsing: $0.uri(for: "demo")) } ?? accountValue?.addressOfRecord
        let target: SIPURI
        do {
            target = try SIPDialString.uri(from: uri, domain: domain, contacts: configuration.contacts)
        } catch {
            throw ValidationError("\(error)")
        }
        let peerHost = accountValue?.outboundProxy?.host ?? target.host
        let session = try await HeadlessSession.startOrExit(options: account, media: media, configuration: configuration, account: accountValue,
                                                            peerHost: peerHost)
        // With a registrar, register first (its credentials then answer the proxy's
        // challenges too), call once registered, and unregister at the end.
        let registers = accountValue?.registrar != nil
        if let accountValue, registers {
            session.send(.register(account: accountValue.id))
        } else {
            await session.media.placeCall(to: target, account: accountValue?.id)
        }
        session.startDeadline(seconds: duration)
        var handle: SIPCallHandle?
        var end: SIPCallEnd?
        var interrupted = 0
        var called = !registers
        loop: for await input in session.inputs {
            switch input {
            case let .event(event):
                switch event {
                case let .registration(_, state) where !called:
                    switch state {
                    case .registered:
                        called = true
                        await session.media.placeCall(to: target, account: accountValue?.id)
                    case let .failed(code, reason, _):
                        HeadlessSession.printPromptNote("dialtone: not calling: registration failed (\(code) \(reason))")
                        end = SIPCallEnd(cause: code == 401 || code == 407 ? .authenticationFailed : (code == 408 || code == 503 ? .unreachable : .rejected),
                                         code: code, reason: "registration failed: \(reason)")
                        break loop
                    default:
                        break
                    }
                case let .callStarted(call, true, _, _) where handle == nil:
                    handle = call
                case let .callState(call, .ended(callEnd)) where call == handle:
                    end = callEnd
                    break loop
                case let .credentialsNeeded(question):
                    session.answer(question)
                case let .redirectChoice(_, question, targets, _):
                    // Headless: the first target in q order, said out loud.
                    HeadlessSession.printPromptNote("taking the first of \(targets.count) targets: \(targets.first?.description ?? "none")")
                    session.send(.chooseRedirect(question: question, index: targets.isEmpty ? nil : 0))
                default:
                    break
                }
            case .signal:
                interrupted += 1
                if interrupted > 1 { break loop }
                if let handle { session.send(.hangUp(handle)) } else { break loop }
            case .deadline:
                if let handle { session.send(.hangUp(handle)) } else { break loop }
            case let .credentials(question, answer):
                session.send(.credentials(question: question, answer))
            case let .command(command):
                if let handle { await session.perform(command, on: handle) }
            case .finished:
                break loop
            }
        }
        if let accountValue, registers { session.send(.unregister(account: accountValue.id)) }
        await session.finish()
        await demoPeer?.shutdown()
        guard let end else { throw ExitCode(interrupted > 0 ? HeadlessExitStatus.cancelled : HeadlessExitStatus.otherError) }
        let status = HeadlessExitStatus.status(for: end)
        if status != 0 { throw ExitCode(status) }
    }
}
