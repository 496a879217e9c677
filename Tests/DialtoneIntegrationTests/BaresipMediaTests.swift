import Foundation
import SIPTestSupport
import Testing

/// Voice both ways with baresip (Debian baresip-core): baresip plays a 600 Hz tone from a
/// WAV (aufile) and records what it decodes (sndfile); Dialtone plays 1000 Hz
/// (`--audio-in`) and records (`--audio-out`). For PCMU, PCMA and Opus, as caller and as
/// callee, each recording holds the other side's tone for most of the call.
@Suite("Voice with baresip", .serialized, .timeLimit(.minutes(4)),
       .enabled(if: BaresipProcess.path != nil, "baresip is needed (make deps-test installs baresip-core)"))
struct BaresipMediaTests {
    static let ours = 1000.0
    static let theirs = 600.0

    struct Setup {
        let scratch: TemporaryDirectory
        let audio: BaresipProcess.Audio
        var ourTone: String { scratch.path("ours.wav") }
        var ourRecording: String { scratch.path("heard.wav") }

        init() throws {
            scratch = try TemporaryDirectory(prefix: "dialtone-baresip-media")
            try WAVRecording.writeTone(path: scratch.path("theirs.wav"), frequency: BaresipMediaTests.theirs, seconds: 20, sampleRate: 8000)
            try WAVRecording.writeTone(path: scratch.path("ours.wav"), frequency: BaresipMediaTests.ours, seconds: 2, sampleRate: 16_000)
            try FileManager.default.createDirectory(atPath: scratch.path("baresip"), withIntermediateDirectories: true)
            audio = BaresipProcess.Audio(source: scratch.path("theirs.wav"), recordings: scratch.path("baresip"))
        }

        /// What baresip decoded: its sndfile module's `…-dec.wav`.
        func baresipHeard() throws -> WAVRecording {
            let names = try FileManager.default.contentsOfDirectory(atPath: audio.recordings).filter { $0.hasSuffix("-dec.wav") }
            guard let name = names.first else { throw TestSupportError("baresip recorded nothing in \(audio.recordings)") }
            return try WAVRecording(path: audio.recordings + "/" + name)
        }

        func check(_ dialtone: DialtoneProcess, _ baresip: BaresipProcess, codecLine: String) throws {
            #expect(dialtone.lines().contains { $0.contains("media: \(codecLine)") }, "\(dialtone.transcript)")
            let heard = try WAVRecording(path: ourRecording)
            #expect(heard.fractionOfWindows(withTone: BaresipMediaTests.theirs) > 0.6,
                    "Dialtone did not hear baresip's tone for most of the call\n\(dialtone.transcript)")
            let theirs = try baresipHeard()
            #expect(theirs.fractionOfWindows(withTone: BaresipMediaTests.ours) > 0.6,
                    "baresip did not hear Dialtone's tone for most of the call\n\(baresip.report)")
        }
    }

    static let codecs = [("pcmu", "PCMU/8000"), ("pcma", "PCMA/8000"), ("opus", "opus/48000")]

    @Test(arguments: codecs)
    func dialtoneCallsBaresip(codec: String, codecLine: String) async throws {
        let setup = try Setup()
        defer { setup.scratch.remove() }
        let bob = try await BaresipProcess(account: "<sip:bob@127.0.0.1>;regint=0;answermode=auto", audio: setup.audio)
        defer { bob.stop() }
        let alice = try DialtoneProcess.call("sip:bob@\(bob.hostPort)", ["--duration", "3", "--codecs", codec,
                                                                          "--audio-in", setup.ourTone, "--audio-out", setup.ourRecording])
        defer { alice.kill() }
        #expect(try await alice.waitForExit(timeout: .seconds(20)) == DialtoneExit.ok, "\(alice.transcript)")
        #expect(await bob.waitFor("terminated"), "baresip did not see our BYE\n\(bob.report)")
        bob.stop()   // its recording (in our scratch directory) is complete once it exits
        try setup.check(alice, bob, codecLine: codecLine)
    }

    @Test(arguments: codecs)
    func baresipCallsDialtone(codec: String, codecLine: String) async throws {
        let setup = try Setup()
        defer { setup.scratch.remove() }
        let port = try await freePort()
        let alice = try DialtoneProcess(["answer", "--no-tui", "--bind", "127.0.0.1:\(port)", "--duration", "3", "--codecs", codec,
                                         "--audio-in", setup.ourTone, "--audio-out", setup.ourRecording])
        defer { alice.kill() }
        #expect(await waitUntil(timeout: .seconds(10)) { isListening(port: port, transport: .udp) }, "\(alice.transcript)")
        let bob = try await BaresipProcess(account: "<sip:bob@127.0.0.1>;regint=0", commands: ["/dial sip:alice@127.0.0.1:\(port)"],
                                           audio: setup.audio)
        defer { bob.stop() }
        #expect(try await alice.waitForExit(timeout: .seconds(20)) == DialtoneExit.ok, "\(alice.transcript)\n\(bob.report)")
        #expect(await bob.waitFor("terminated"), "baresip did not see our BYE\n\(bob.report)")
        bob.stop()   // its recording (in our scratch directory) is complete once it exits
        try setup.check(alice, bob, codecLine: codecLine)
    }
}
