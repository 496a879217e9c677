import Foundation

/// baresip (Debian `baresip-core`), the softphone many VoIP engineers use, as the other
/// end of a call: one account, SIP on 127.0.0.1:`port` (UDP and TCP), G.711 only, and no
/// sound device — its audio source is a file of silence, its player none — so it runs
/// headless. Its config directory is a scratch directory; its output (`log`) is kept in
/// `baresip.log`. Started by a test and always stopped by it (`stop()`, or at the latest
/// when the object goes away).
public final class BaresipProcess: Sendable {
    public static let path = executable("baresip")

    public let port: Int
    public let directory: TemporaryDirectory
    public let commandLine: [String]
    private let process: ChildProcess
    private let stopping = FirstTime()

    /// - account: the accounts-file line, e.g. `<sip:bob@127.0.0.1>;regint=0;answermode=auto`.
    /// - commands: run at start (`-e`), e.g. `/dial sip:alice@127.0.0.1:5080`.
    /// - audio: a WAV (16-bit, 8000 Hz mono) baresip plays into its calls, the directory its
    ///   sndfile module records each call's decoded audio into (`dump-…-dec.wav`), and more
    ///   codec modules than G.711 (`opus.so`). Nil: a file of silence and G.711 only.
    public struct Audio: Sendable {
        public var source: String
        public var recordings: String
        public var modules: [String]
        public init(source: String, recordings: String, modules: [String] = ["opus.so"]) {
            self.source = source
            self.recordings = recordings
            self.modules = modules
        }
    }

    public init(account: String, commands: [String] = [], port: Int? = nil, audio: Audio? = nil) async throws {
        guard let baresip = Self.path else { throw TestSupportError("baresip is not installed (Debian package baresip-core)") }
        directory = try TemporaryDirectory(prefix: "dialtone-baresip")
        if let port { self.port = port } else { self.port = try await freePort() }
        let rtp = try await freePortBlock(10)
        let silence = directory.path("silence.wav")
        try Data(Self.silentWAV(seconds: 30)).write(to: URL(fileURLWithPath: silence))
        var media = "audio_source\taufile,\(silence)\n"
        if let audio {
            media = "audio_source\taufile,\(audio.source)\nausrc_srate\t8000\nauplay_srate\t8000\nausrc_channels\t1\nauplay_channels\t1\n"
                + "module\tsndfile.so\nsnd_path\t\(audio.recordings)\n" + audio.modules.map { "module\t\($0)\n" }.joined()
        }
        try directory.write("""
            poll_method\tepoll
            sip_listen\t127.0.0.1:\(self.port)
            net_interface\t127.0.0.1
            module_path\t/usr/lib/baresip/modules
            module\tg711.so
            module\taufile.so
            module_app\taccount.so
            module_app\tmenu.so
            \(media)rtp_ports\t\(rtp)-\(rtp + 9)

            """, to: "config")
        try directory.write(account + "\n", to: "accounts")
        // Line-buffered through stdbuf: its stdout is a file, which stdio would otherwise
        // fill 4 KB at a time, and a test waits for single lines ("terminated").
        let stdbuf = executable("stdbuf")
        let arguments = (stdbuf == nil ? [] : ["-oL", "-eL", baresip]) + ["-f", directory.path] + commands.flatMap { ["-e", $0] }
        commandLine = [stdbuf ?? baresip] + arguments
        let log = try openOutputFile(directory.path("baresip.log"))
        let null = try openNullDevice()
        defer {
            close(log)
            close(null)
        }
        process = try ChildProcess(executable: commandLine[0], arguments: arguments, environment: ProcessInfo.processInfo.environment,
                                   stdin: null, stdout: log, stderr: log)
        let port = self.port
        let process = self.process
        let ready = await waitUntil(timeout: .seconds(10)) {
            !process.isRunning || self.log.contains("baresip is ready.")
        }
        if !ready || !process.isRunning || !isListening(port: port, transport: .udp) {
            let report = self.report
            stop()
            throw TestSupportError("baresip did not start on 127.0.0.1:\(port)\n\(report)")
        }
    }

    deinit { stop() }

    public var isRunning: Bool { process.isRunning }
    public var hostPort: String { "127.0.0.1:\(port)" }

    /// What baresip printed so far, its status-line redraws (carriage returns) as lines.
    public var log: String { directory.read("baresip.log").replacingOccurrences(of: "\r", with: "\n") }

    /// Waits (bounded) until baresip's output contains `text`.
    public func waitFor(_ text: String, timeout: Duration = .seconds(10)) async -> Bool {
        await waitUntil(timeout: timeout, interval: .milliseconds(50)) { log.contains(text) }
    }

    /// Ends baresip (SIGTERM, then SIGKILL) and removes its directory. Idempotent.
    public func stop() {
        guard stopping.claim() else { return }
        process.stop()
        directory.remove()
    }

    public var report: String {
        let state = process.endStatus.map { "exit status \($0)" } ?? "still running"
        let lines = log.split(separator: "\n").filter { !$0.contains("bit/s)") }.suffix(80)
        return "baresip (\(state)): \(commandLine.joined(separator: " "))\n--- baresip.log:\n\(lines.joined(separator: "\n"))"
    }

    /// A WAV file (RIFF, 16-bit mono PCM at 8000 Hz) of silence.
    static func silentWAV(seconds: Int) -> [UInt8] {
        let dataSize = UInt32(seconds * 8000 * 2)
        func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        func le16(_ value: UInt16) -> [UInt8] { [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8)] }
        var header = Array("RIFF".utf8) + le32(36 + dataSize) + Array("WAVE".utf8)
        header += Array("fmt ".utf8) + le32(16) + le16(1) + le16(1) + le32(8000) + le32(16000) + le16(2) + le16(16)
        header += Array("data".utf8) + le32(dataSize)
        return header + [UInt8](repeating: 0, count: Int(dataSize))
    }
}
