import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SIPCore
import SIPNIO
import SIPTransaction
import Testing

// Process, port and directory helpers follow Tests/SIPNIOIntegrationTests/IntegrationSupport.swift
// (test targets cannot share sources, so the few used here are repeated).

/// A scratch directory removed when the test ends.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("dialtone-stack-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }

    /// Every file's text, for a failure message (sipp's error and message logs).
    func contents(limit: Int = 6000) -> String {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.sorted().map { name in
            let text = (try? String(contentsOfFile: path(name), encoding: .utf8)) ?? ""
            return "--- \(name):\n\(text.suffix(limit))"
        }.joined(separator: "\n")
    }
}

/// The full path of an executable on PATH, or nil.
func executable(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin"] {
        let candidate = "\(directory)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

/// Runs a program to its end (bounded by `timeout`); always reaped.
@discardableResult
func run(_ program: String, _ arguments: [String], timeout: Duration = .seconds(60)) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    try process.run()
    defer {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    let deadline = ContinuousClock.now + timeout
    while process.isRunning && ContinuousClock.now < deadline { usleep(10_000) }
    if process.isRunning { process.terminate() }
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
}

/// A port free on 127.0.0.1 for both UDP and TCP just now (bound by NIO, then released).
func freePort(host: String = "127.0.0.1") async throws -> Int {
    for _ in 0..<20 {
        let udp = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: host, port: 0).get()
        let port = udp.localAddress!.port!
        let tcp = try? await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: host, port: port).get()
        try await udp.close()
        if let tcp {
            try await tcp.close()
            return port
        }
    }
    throw SIPTransportError(.bindFailed, "no free port found")
}

/// Whether something listens on 127.0.0.1:`port` (a bound UDP socket, a TCP socket in
/// LISTEN), read from /proc/net: how a test knows sipp is ready without sending it
/// anything that would count as a call.
func isListening(port: Int, transport: SIPTransport) -> Bool {
    let file = transport == .udp ? "/proc/net/udp" : "/proc/net/tcp"
    guard let table = try? String(contentsOfFile: file, encoding: .utf8) else { return false }
    let wanted = String(format: "0100007F:%04X", port)
    for line in table.split(separator: "\n").dropFirst() {
        let fields = line.split(separator: " ")
        guard fields.count > 3, fields[1] == wanted else { continue }
        if transport == .udp || fields[3] == "0A" { return true }
    }
    return false
}

/// sipp playing one scenario from Scenarios/ as a UAS on 127.0.0.1:`port`, for one call
/// (`-m 1`), with its own time limit; errors and messages traced into a scratch directory.
final class Sipp {
    static let path = executable("sipp")
    let process = Process()
    let directory: TemporaryDirectory
    let port: Int
    let transport: SIPTransport

    static func scenario(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scenarios/\(name)").path
    }

    /// Starts sipp and waits (bounded) until it listens. Terminate it with `stop()` in a defer.
    init(scenario: String, transport: SIPTransport, extraArguments: [String] = []) async throws {
        directory = try TemporaryDirectory()
        port = try await freePort()
        self.transport = transport
        process.executableURL = URL(fileURLWithPath: try #require(Self.path, "sipp is not installed"))
        process.currentDirectoryURL = directory.url
        process.arguments = ["-sf", Self.scenario(scenario), "-i", "127.0.0.1", "-p", String(port),
                             "-t", transport == .udp ? "u1" : "t1", "-m", "1",
                             "-timeout", "20s", "-timeout_error", "-nostdin", "-nd",
                             "-trace_err", "-error_file", directory.path("sipp-errors.log"),
                             "-trace_msg", "-message_file", directory.path("sipp-messages.log")] + extraArguments
        // Into a file, not a pipe: sipp redraws its screen on stdout, and a full pipe would stall it.
        let screen = directory.path("sipp-output.log")
        _ = FileManager.default.createFile(atPath: screen, contents: nil)
        let output = try #require(FileHandle(forWritingAtPath: screen))
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? output.close()
        let deadline = ContinuousClock.now + .seconds(10)
        while !isListening(port: port, transport: transport) && process.isRunning && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    var address: SIPAddress { .ipv4("127.0.0.1", port) }
    var target: SIPTransportTarget { SIPTransportTarget(transport: transport, address: address) }

    /// Waits (bounded) for sipp to end by itself; its exit status, nil if it did not end.
    func waitForExit(within timeout: Duration = .seconds(15)) async throws -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(25)) }
        return process.isRunning ? nil : process.terminationStatus
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        directory.remove()
    }

    /// What sipp said and traced: for failure messages.
    var report: String {
        "sipp (\(process.isRunning ? "still running" : "exit status \(process.terminationStatus)")):\n\(directory.contents())"
    }
}

/// Keeps every log entry.
final class LogRecorder: SIPLogSink {
    private let entries = NIOLockedValueBox<[SIPLogEntry]>([])

    func record(_ entry: SIPLogEntry) { entries.withLockedValue { $0.append(entry) } }

    var all: [SIPLogEntry] { entries.withLockedValue { $0 } }

    /// Messages sent whose first line starts with `start` (`"INVITE "`, `"SIP/2.0 200"`).
    func sent(startingWith start: String) -> [SIPLogEntry] {
        all.filter { $0.direction == .sent && $0.kind == .message && $0.bytes.starts(with: Array(start.utf8)) }
    }

    func received(startingWith start: String) -> [SIPLogEntry] {
        all.filter { $0.direction == .received && $0.kind == .message && $0.bytes.starts(with: Array(start.utf8)) }
    }

    var text: String { all.map(\.summary).joined(separator: "\n") }
}

/// The events of client transactions, with when each arrived; waited on with a limit.
final class EventRecorder: Sendable {
    private let events = NIOLockedValueBox<[(time: SIPWallTime, event: SIPClientTransactionEvent)]>([])

    func record(_ event: SIPClientTransactionEvent) {
        let now = SIPWallTime.now()
        events.withLockedValue { $0.append((now, event)) }
    }

    var all: [(time: SIPWallTime, event: SIPClientTransactionEvent)] { events.withLockedValue { $0 } }

    /// The first recorded event that `match` picks, waiting up to `timeout` for it.
    func first<T>(within timeout: Duration = .seconds(10), _ match: (SIPClientTransactionEvent) -> T?) async throws -> (time: SIPWallTime, value: T)? {
        let deadline = ContinuousClock.now + timeout
        while true {
            for (time, event) in all {
                if let value = match(event) { return (time, value) }
            }
            if ContinuousClock.now >= deadline { return nil }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    func final(within timeout: Duration = .seconds(10)) async throws -> SIPMessage? {
        try await first(within: timeout) { if case let .final(message) = $0 { message } else { nil } }?.value
    }

    func terminated(within timeout: Duration = .seconds(10)) async throws -> Bool {
        try await first(within: timeout) { if case .terminated = $0 { true } else { nil } } != nil
    }

    var provisionalCodes: [Int] {
        all.compactMap { if case let .provisional(message) = $0.event { message.statusCode } else { nil } }
    }

    var descriptions: String { all.map { "\($0.time) \($0.event)" }.joined(separator: "\n") }
}

/// A request as a user agent would build it (§8.1.1), without a Via: the endpoint adds
/// it with a fresh branch.
func makeRequest(_ method: SIPMethod, uri: String, callID: String, cseq: Int, fromTag: String, to: String,
                 contact: String? = nil, body: String? = nil) -> SIPMessage {
    var headers = [
        SIPHeaderField(name: "Max-Forwards", value: "70"),
        SIPHeaderField(name: "From", value: "<sip:alice@dialtone.invalid>;tag=\(fromTag)"),
        SIPHeaderField(name: "To", value: to),
        SIPHeaderField(name: "Call-ID", value: callID),
        SIPHeaderField(name: "CSeq", value: "\(cseq) \(method)"),
    ]
    if let contact { headers.append(SIPHeaderField(name: "Contact", value: contact)) }
    if body != nil { headers.append(SIPHeaderField(name: "Content-Type", value: "application/sdp")) }
    let octets = Array((body ?? "").utf8)
    headers.append(SIPHeaderField(name: "Content-Length", value: String(octets.count)))
    return SIPMessage.request(method, uri: uri, headers: headers, body: octets)
}

/// An SDP offer for one PCMU audio stream.
func sdpOffer(port: Int) -> String {
    "v=0\r\no=alice 2890844526 2890844526 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio \(port) RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
}

/// The ACK for a 2xx (§13.2.2.4): a request of its own, to the 2xx's Contact, with the
/// INVITE's Call-ID, From and CSeq number and the 2xx's To. No Via: the transport adds
/// one with a new branch.
func makeACK(for invite: SIPMessage, response: SIPMessage) -> SIPMessage {
    let uri = response.contacts.first?.address.map { $0.uri.description } ?? invite.requestURIText ?? ""
    return SIPMessage.request(.ack, uri: uri, headers: [
        SIPHeaderField(name: "Max-Forwards", value: "70"),
        SIPHeaderField(name: "From", value: invite.value(.from) ?? ""),
        SIPHeaderField(name: "To", value: response.value(.to) ?? ""),
        SIPHeaderField(name: "Call-ID", value: invite.value(.callID) ?? ""),
        SIPHeaderField(name: "CSeq", value: "\(invite.cseq?.sequence ?? 1) ACK"),
        SIPHeaderField(name: "Content-Length", value: "0"),
    ])
}

/// An endpoint on the shared loop group, listening on UDP and TCP on 127.0.0.1.
func makeEndpoint(t1: Duration = .milliseconds(500), log: LogRecorder, handlers: SIPEndpoint.Handlers = SIPEndpoint.Handlers(),
                  configuration: SIPTransportConfiguration = SIPTransportConfiguration(),
                  listenOn transports: [SIPTransport] = [.udp, .tcp]) async throws -> SIPEndpoint {
    var configuration = configuration
    configuration.logSink = log
    let endpoint = try SIPEndpoint(eventLoop: MultiThreadedEventLoopGroup.singleton.next(),
                                   timerValues: SIPTimerValues(t1: t1), configuration: configuration, handlers: handlers)
    for transport in transports {
        _ = try await endpoint.listen(transport, on: .ipv4("127.0.0.1", 0))
    }
    return endpoint
}

extension SIPWallTime {
    static func - (lhs: SIPWallTime, rhs: SIPWallTime) -> Duration { lhs.sinceEpoch - rhs.sinceEpoch }
}

extension Duration {
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
