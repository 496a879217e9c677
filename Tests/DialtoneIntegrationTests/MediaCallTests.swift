import Foundation
import SIPTestSupport
import Testing

/// Two real `dialtone` processes on 127.0.0.1 talk: each plays a tone of its own from a
/// WAV file (`--audio-in`) and records what it hears (`--audio-out`), and each recording
/// holds the other side's tone. DTMF typed on one side (`dtmf 12#` on stdin) is printed
/// once per digit on the other; `hold` and `resume` change the direction on both.
@Suite("Dialtone talks to Dialtone", .serialized, .timeLimit(.minutes(3)))
struct MediaCallTests {
    static let aliceTone = 1000.0
    static let bobTone = 600.0

    struct Pair {
        let alice: DialtoneProcess
        let bob: DialtoneProcess
        let scratch: TemporaryDirectory
        var aliceRecording: String { scratch.path("alice-heard.wav") }
        var bobRecording: String { scratch.path("bob-heard.wav") }
    }

    /// Bob answers, Alice calls; both with tones, both recording.
    static func call(codecs: String, seconds: Int, aliceRate: Int = 16_000, bobRate: Int = 8000) async throws -> Pair {
        let scratch = try TemporaryDirectory(prefix: "dialtone-media")
        try WAVRecording.writeTone(path: scratch.path("alice.wav"), frequency: aliceTone, seconds: 2, sampleRate: aliceRate)
        try WAVRecording.writeTone(path: scratch.path("bob.wav"), frequency: bobTone, seconds: 2, sampleRate: bobRate, channels: 2)
        let port = try await freePort()
        let bob = try DialtoneProcess(["answer", "--no-tui", "--bind", "127.0.0.1:\(port)", "--duration", "\(seconds + 3)",
                                       "--codecs", codecs, "--audio-in", scratch.path("bob.wav"), "--audio-out", scratch.path("bob-heard.wav")])
        #expect(await waitUntil(timeout: .seconds(10)) { isListening(port: port, transport: .udp) }, "\(bob.transcript)")
        let alice = try DialtoneProcess.call("sip:bob@127.0.0.1:\(port)", [
            "--duration", "\(seconds)", "--codecs", codecs,
            "--audio-in", scratch.path("alice.wav"), "--audio-out", scratch.path("alice-heard.wav"),
        ])
        return Pair(alice: alice, bob: bob, scratch: scratch)
    }

    @Test(arguments: ["pcmu", "pcma", "opus", "g722"])
    func eachHearsTheOthersTone(codec: String) async throws {
        let pair = try await Self.call(codecs: codec, seconds: 3)
        defer { pair.alice.kill(); pair.bob.kill(); pair.scratch.remove() }
        let name = ["pcmu": "PCMU/8000", "pcma": "PCMA/8000", "opus": "opus/48000", "g722": "G722/8000"][codec]!
        _ = try await pair.alice.waitForLine(containing: "media: \(name)", timeout: .seconds(10))
        #expect(try await pair.alice.waitForExit(timeout: .seconds(15)) == 0, "\(pair.alice.transcript)")
        #expect(try await pair.bob.waitForExit(timeout: .seconds(15)) == 0, "\(pair.bob.transcript)")
        let aliceHeard = try WAVRecording(path: pair.aliceRecording)
        let bobHeard = try WAVRecording(path: pair.bobRecording)
        #expect(aliceHeard.seconds > 2, "alice recorded \(aliceHeard.seconds) s")
        // Most of the call: the first moments (before the answer's media) may be silence.
        #expect(aliceHeard.fractionOfWindows(withTone: Self.bobTone) > 0.6, "alice heard bob's tone in too few windows\n\(pair.alice.transcript)")
        #expect(bobHeard.fractionOfWindows(withTone: Self.aliceTone) > 0.6, "bob heard alice's tone in too few windows\n\(pair.bob.transcript)")
        #expect(aliceHeard.fractionOfWindows(withTone: Self.aliceTone) < 0.1, "alice hears herself")
        let rtp = pair.alice.lines().first { $0.contains("rtp: sent") }
        #expect(rtp != nil && rtp!.contains("received") && rtp!.contains("lost") && rtp!.contains("jitter"), "\(pair.alice.transcript)")
    }

    @Test func dtmfHoldResumeAndMute() async throws {
        let pair = try await Self.call(codecs: "pcmu", seconds: 8)
        defer { pair.alice.kill(); pair.bob.kill(); pair.scratch.remove() }
        _ = try await pair.alice.waitForLine(containing: "media: PCMU/8000", timeout: .seconds(10))
        try await Task.sleep(for: .seconds(1))   // a second of talk before the keys
        try pair.alice.send(line: "dtmf 12#")
        _ = try await pair.bob.waitForLine(containing: "dtmf received: #", timeout: .seconds(5))
        let digits = pair.bob.lines().filter { $0.contains("dtmf received: ") }.map { String($0.suffix(1)) }
        #expect(digits == ["1", "2", "#"], "\(pair.bob.transcript)")
        try pair.alice.send(line: "hold")
        _ = try await pair.alice.waitForLine(containing: "on hold", timeout: .seconds(5))
        _ = try await pair.bob.waitForLine(containing: "held by peer", timeout: .seconds(5))
        try pair.alice.send(line: "resume")
        _ = try await pair.alice.waitForLine(containing: "resumed", timeout: .seconds(5))
        _ = try await pair.bob.waitForLine(containing: "resumed", timeout: .seconds(5))
        try await Task.sleep(for: .seconds(1))   // a second of talk after the resume
        try pair.alice.send(line: "mute")
        _ = try await pair.alice.waitForLine(containing: "muted", timeout: .seconds(5))
        #expect(try await pair.alice.waitForExit(timeout: .seconds(20)) == 0, "\(pair.alice.transcript)")
        #expect(try await pair.bob.waitForExit(timeout: .seconds(20)) == 0, "\(pair.bob.transcript)")
        // Exactly one re-INVITE each for hold and resume.
        let reinvites = pair.alice.lines().filter { $0.contains("→") && $0.contains("INVITE sip:") }.count
        #expect(reinvites == 3, "one INVITE and two re-INVITEs\n\(pair.alice.transcript)")
        // Bob heard alice's tone before the hold and after the resume, and silence once muted.
        let heard = try WAVRecording(path: pair.bobRecording)
        let talking = heard.fractionOfWindows(withTone: Self.aliceTone) * heard.seconds
        #expect(talking > 1.2, "bob heard alice's tone for \(talking) s of the two talking seconds\n\(pair.bob.transcript)")
        let tail = heard.samples.suffix(heard.sampleRate)
        #expect(heard.toneShare(Self.aliceTone, in: tail) < 0.2, "the last second (muted) still has alice's tone")
    }
}

/// sipp's own `uac_pcap` scenario (the Debian package's g711a.pcap voice recording, then an
/// RFC 2833 digit from dtmf_2833_1.pcap) calls `dialtone answer`: what sipp plays is decoded
/// into the recording, and the digit is printed once.
@Suite("sipp plays a G.711 pcap", .timeLimit(.minutes(2)),
       .enabled(if: SippProcess.path != nil, "sipp is needed (make deps-test installs sip-tester)"))
struct SippPcapMediaTests {
    @Test func aRecordedCallIsDecodedAndItsDigitReceived() async throws {
        let scratch = try TemporaryDirectory(prefix: "dialtone-pcap")
        defer { scratch.remove() }
        let port = try await freePort()
        let alice = try DialtoneProcess(["answer", "--no-tui", "--bind", "127.0.0.1:\(port)", "--duration", "30", "--codecs", "pcma",
                                         "--audio-device", "null", "--audio-out", scratch.path("heard.wav")])
        defer { alice.kill() }
        #expect(await waitUntil(timeout: .seconds(10)) { isListening(port: port, transport: .udp) }, "\(alice.transcript)")
        let scenario = Peers.scenario("uac-pcap.xml")
        let sipp = try await SippProcess(scenario: scenario, remote: "127.0.0.1:\(port)", timeout: .seconds(40))
        defer { sipp.stop() }
        #expect(await sipp.waitForExit(timeout: .seconds(40)) == 0, "\(sipp.report)")
        #expect(try await alice.waitForExit(timeout: .seconds(15)) == 0, "\(alice.transcript)")
        let digits = alice.lines().filter { $0.contains("dtmf received: ") }
        #expect(digits.count == 1 && digits.first?.hasSuffix("dtmf received: 1") == true, "\(alice.transcript)")
        #expect(alice.lines().contains { $0.contains("media: PCMA/8000") }, "\(alice.transcript)")
        let heard = try WAVRecording(path: scratch.path("heard.wav"))
        // The pcap is speech with pauses: a good part of the call is heard, not silence.
        #expect(heard.fractionOfWindows(louderThan: 0.01) > 0.4, "\(heard.seconds) s recorded\n\(alice.transcript)")
    }
}

/// SRTP with SDES keys, mandatory on both sides: the call is RTP/SAVP, the tones still get
/// through (so both sides protect and unprotect with the exchanged keys), and `--trace`
/// shows the a=crypto line with its key hidden.
@Suite("SRTP between two Dialtones", .timeLimit(.minutes(2)))
struct SRTPCallTests {
    @Test func mandatorySRTPCarriesTheToneAndHidesTheKey() async throws {
        let scratch = try TemporaryDirectory(prefix: "dialtone-srtp")
        defer { scratch.remove() }
        try WAVRecording.writeTone(path: scratch.path("alice.wav"), frequency: 1000, seconds: 1, sampleRate: 8000)
        let port = try await freePort()
        let bob = try DialtoneProcess(["answer", "--no-tui", "--bind", "127.0.0.1:\(port)", "--duration", "6", "--codecs", "pcmu",
                                       "--srtp-policy", "mandatory", "--audio-device", "null", "--audio-out", scratch.path("bob-heard.wav")])
        defer { bob.kill() }
        #expect(await waitUntil(timeout: .seconds(10)) { isListening(port: port, transport: .udp) }, "\(bob.transcript)")
        let alice = try DialtoneProcess.call("sip:bob@127.0.0.1:\(port)", ["--duration", "3", "--codecs", "pcmu", "--trace",
                                                                            "--srtp-policy", "mandatory", "--audio-in", scratch.path("alice.wav"),
                                                                            "--audio-out", scratch.path("alice-heard.wav")])
        defer { alice.kill() }
        #expect(try await alice.waitForExit(timeout: .seconds(15)) == 0, "\(alice.transcript)")
        #expect(try await bob.waitForExit(timeout: .seconds(15)) == 0, "\(bob.transcript)")
        #expect(alice.lines().contains { $0.contains("media: PCMU/8000") && $0.contains(" srtp") }, "\(alice.transcript)")
        #expect(alice.output().contains("m=audio") && alice.output().contains("RTP/SAVP"), "\(alice.transcript)")
        #expect(alice.output().contains("inline:<hidden>"), "the key is not hidden in --trace")
        let heard = try WAVRecording(path: scratch.path("bob-heard.wav"))
        #expect(heard.fractionOfWindows(withTone: 1000) > 0.5, "\(bob.transcript)")
    }
}
