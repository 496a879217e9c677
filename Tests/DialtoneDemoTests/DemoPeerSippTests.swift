import DialtoneDemo
import Foundation
import NIOCore
import NIOPosix
import SIPNIO
import Testing

/// The demo peer called by sipp, an independent SIP implementation: the answering number
/// (INVITE/100/180/200/ACK, OPTIONS and BYE in the dialog) over UDP and TCP, and the
/// challenging one, where sipp computes the digest answer itself.
@Suite("The demo peer against sipp", .serialized, .timeLimit(.minutes(2)),
       .enabled(if: SippCaller.path != nil, "sipp is not installed (Debian package sip-tester): skipping"))
struct DemoPeerSippTests {
    func call(_ scenario: String, over transport: SIPTransport) async throws {
        let peer = try await startPeer(ring: .milliseconds(100))
        defer { Task { await peer.shutdown() } }
        // sipp exits 254 when it cannot bind a socket: its SIP or media port was taken
        // between our choice and its bind (other test runs share the machine). Try again.
        for attempt in 1...3 {
            let sipp = try await SippCaller(scenario: scenario, transport: transport, peer: peer)
            defer { sipp.stop() }
            let status = try await sipp.waitForExit()
            if status == 254 && attempt < 3 { continue }
            #expect(status == 0, "sipp did not complete \(scenario) over \(transport)\n\(sipp.report)")
            return
        }
    }

    @Test func theAnsweringNumberOverUDP() async throws { try await call("call-100-uac.xml", over: .udp) }
    @Test func theAnsweringNumberOverTCP() async throws { try await call("call-100-uac.xml", over: .tcp) }
    @Test func theChallengingNumberAcceptsSippsDigest() async throws { try await call("call-401-uac.xml", over: .udp) }
}

/// sipp playing one scenario from Scenarios/ as the caller (UAC) of `peer`, for one call
/// (`-m 1`), with its own time limit; errors and messages traced into a scratch directory.
final class SippCaller {
    static let path: String? = {
        let search = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"]
        return search.map { "\($0)/sipp" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    let process = Process()
    let directory: URL

    init(scenario: String, transport: SIPTransport, peer: DemoPeer) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("dialtone-demo-sipp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let scenarioPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scenarios/\(scenario)").path
        let localPort = try await Self.freePort()
        // sipp binds an RTP port for [media_port] (6000 by default, shared by every sipp run).
        let mediaPort = try await Self.freePort()
        process.executableURL = URL(fileURLWithPath: try #require(Self.path, "sipp is not installed"))
        process.currentDirectoryURL = directory
        process.arguments = ["-sf", scenarioPath, "-m", "1", "-i", "127.0.0.1", "-p", String(localPort),
                             "-t", transport == .udp ? "u1" : "t1", "-mp", String(mediaPort),
                             "-timeout", "20s", "-timeout_error", "-nostdin",
                             "-trace_err", "-error_file", directory.appendingPathComponent("sipp-errors.log").path,
                             "-trace_msg", "-message_file", directory.appendingPathComponent("sipp-messages.log").path,
                             "127.0.0.1:\(peer.port)"]
        // Into a file, not a pipe: sipp redraws its screen on stdout, and a full pipe would stall it.
        let screen = directory.appendingPathComponent("sipp-output.log").path
        _ = FileManager.default.createFile(atPath: screen, contents: nil)
        let output = try #require(FileHandle(forWritingAtPath: screen))
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? output.close()
    }

    static func freePort() async throws -> Int {
        let group = MultiThreadedEventLoopGroup.singleton
        for _ in 0..<20 {
            let udp = try await DatagramBootstrap(group: group).bind(host: "127.0.0.1", port: 0).get()
            let port = try #require(udp.localAddress?.port)
            let tcp = try? await ServerBootstrap(group: group).bind(host: "127.0.0.1", port: port).get()
            try await udp.close()
            if let tcp {
                try await tcp.close()
                return port
            }
        }
        throw SIPTransportError(.bindFailed, "no free port for sipp")
    }

    func waitForExit(within timeout: Duration = .seconds(30)) async throws -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(25)) }
        return process.isRunning ? nil : process.terminationStatus
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// What sipp said and traced: for failure messages.
    var report: String {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().map { name in
            let text = (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? ""
            return "--- \(name):\n\(text.suffix(6000))"
        }.joined(separator: "\n")
    }
}
