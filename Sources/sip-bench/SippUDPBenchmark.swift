import Foundation
import NIOCore
import NIOPosix
import SIPCore
import SIPNIO
import SIPTransaction

/// `sip-bench udp-sipp [--seconds N] [--window W] [--scenario FILE]`: the whole stack
/// (a `SIPEndpoint`: transactions on the event loop over the UDP transport) against sipp
/// on 127.0.0.1, which answers every OPTIONS 200 (Tests/SIPStackIntegrationTests/
/// Scenarios/options-uas.xml). W client transactions are kept in flight — each final
/// response starts the next — for N seconds; then the count of completed transactions
/// per second and the latency from `sendRequest` to the final response, by percentile.
/// sipp is stopped at the end, whatever happened.
func runSippUDPBenchmark(arguments: [String]) {
    func value(_ flag: String) -> String? {
        guard let index = arguments.firstIndex(of: flag) else { return nil }
        guard index + 1 < arguments.count else { fail("\(flag) needs a value") }
        return arguments[index + 1]
    }
    guard let seconds = Int(value("--seconds") ?? "5"), seconds > 0, seconds <= 600 else { fail("--seconds needs 1…600") }
    guard let window = Int(value("--window") ?? "32"), window > 0, window <= 4096 else { fail("--window needs 1…4096") }
    let scenario = value("--scenario") ?? "Tests/SIPStackIntegrationTests/Scenarios/options-uas.xml"
    guard FileManager.default.fileExists(atPath: scenario) else { fail("\(scenario): no such scenario (run from the package root, or pass --scenario)") }
    guard let sippPath = ["/usr/bin/sipp", "/usr/local/bin/sipp"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
        fail("sipp is not installed (Debian package sip-tester)")
    }

    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    defer { try? group.syncShutdownGracefully() }
    let loop = group.next()

    // A free port: bind UDP on port 0, note it, let it go.
    let probe = try? DatagramBootstrap(group: group).bind(host: "127.0.0.1", port: 0).wait()
    guard let probe, let port = probe.localAddress?.port else { fail("no free UDP port on 127.0.0.1") }
    try? probe.close().wait()

    let sipp = Process()
    sipp.executableURL = URL(fileURLWithPath: sippPath)
    sipp.arguments = ["-sf", scenario, "-i", "127.0.0.1", "-p", String(port), "-t", "u1",
                      "-nostdin", "-nd", "-timeout", "\(seconds + 30)s"]
    sipp.standardOutput = FileHandle.nullDevice
    sipp.standardError = FileHandle.nullDevice
    sipp.standardInput = FileHandle.nullDevice
    do { try sipp.run() } catch { fail("could not start sipp: \(error)") }
    defer {
        if sipp.isRunning {
            sipp.terminate()
            sipp.waitUntilExit()
        }
    }
    let ready = ContinuousClock.now + .seconds(10)
    while !udpPortBound(port) && sipp.isRunning && ContinuousClock.now < ready { usleep(10_000) }
    guard sipp.isRunning, udpPortBound(port) else { fail("sipp did not start listening on 127.0.0.1:\(port)") }

    // Shutting the group down (deferred above) closes the endpoint's socket and drops
    // its timers.
    let endpoint: SIPEndpoint
    do {
        endpoint = try SIPEndpoint(eventLoop: loop)
        let bound = loop.makePromise(of: SIPAddress.self)
        endpoint.transport.listen(.udp, on: .ipv4("127.0.0.1", 0), promise: bound)
        _ = try bound.futureResult.wait()
    } catch { fail("could not start the endpoint: \(error)") }

    let target = SIPTransportTarget.udp(.ipv4("127.0.0.1", port))
    let driver = NIOLoopBoundBox.makeBoxSendingValue(
        SippBenchDriver(endpoint: endpoint, target: target, window: window), eventLoop: loop)
    let result = loop.flatSubmit { () -> EventLoopFuture<SippBenchDriver.Result> in
        driver.value.start(for: .seconds(Int64(seconds)), box: driver)
    }
    guard let outcome = try? result.wait() else { fail("the run failed") }
    let rate = Double(outcome.completed) / outcome.elapsed
    func ms(_ nanoseconds: Int64) -> String { String(format: "%.3f ms", Double(nanoseconds) / 1e6) }
    let sorted = outcome.latencies.sorted()
    func percentile(_ p: Double) -> String {
        sorted.isEmpty ? "-" : ms(sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p))])
    }
    print("udp-sipp: OPTIONS over UDP to sipp on 127.0.0.1, window \(window), \(String(format: "%.2f", outcome.elapsed)) s: "
          + "\(outcome.completed) transactions completed (\(outcome.non200) non-200, \(outcome.failed) timed out or failed), "
          + "\(Int(rate)) transactions/s")
    print("udp-sipp: latency p50 \(percentile(0.5)), p90 \(percentile(0.9)), p99 \(percentile(0.99)), max \(percentile(1))")
    print("\(Int(rate)) transactions/s")
}

/// Whether a UDP socket is bound to 127.0.0.1:`port` (from /proc/net/udp).
func udpPortBound(_ port: Int) -> Bool {
    guard let table = try? String(contentsOfFile: "/proc/net/udp", encoding: .utf8) else { return false }
    let wanted = String(format: "0100007F:%04X", port)
    return table.split(separator: "\n").contains { $0.split(separator: " ").dropFirst().first.map(String.init) == wanted }
}

/// Keeps `window` OPTIONS transactions in flight on the loop until the time is up.
final class SippBenchDriver {
    struct Result: Sendable {
        var completed = 0
        var non200 = 0
        var failed = 0
        var elapsed = 0.0
        var latencies: [Int64] = []
    }

    let endpoint: SIPEndpoint
    let target: SIPTransportTarget
    let window: Int
    var result = Result()
    var sequence = 0
    /// When each transaction still waiting for its final response was started.
    var pending: [Int: NIODeadline] = [:]
    var inFlight: Int { pending.count }
    var started = NIODeadline.now()
    var stopAt = NIODeadline.now()
    var stopping = false
    var done: EventLoopPromise<Result>?

    init(endpoint: SIPEndpoint, target: SIPTransportTarget, window: Int) {
        self.endpoint = endpoint
        self.target = target
        self.window = window
    }

    func start(for duration: TimeAmount, box: NIOLoopBoundBox<SippBenchDriver>) -> EventLoopFuture<Result> {
        let promise = endpoint.eventLoop.makePromise(of: Result.self)
        done = promise
        started = .now()
        stopAt = started + duration
        for _ in 0..<window { next(box: box) }
        // Whatever is still in flight 10 s after the end is counted as failed.
        endpoint.eventLoop.scheduleTask(deadline: stopAt + .seconds(10)) { box.value.finish() }
        return promise.futureResult
    }

    func next(box: NIOLoopBoundBox<SippBenchDriver>) {
        guard !stopping else { return }
        if NIODeadline.now() >= stopAt {
            stopping = true
            result.elapsed = Double((NIODeadline.now() - started).nanoseconds) / 1e9
            if inFlight == 0 { finish() }
            return
        }
        sequence += 1
        let number = sequence
        let uri = "sip:service@\(target.address)"
        let request = SIPMessage.request(.options, uri: uri, headers: [
            SIPHeaderField(name: "Max-Forwards", value: "70"),
            SIPHeaderField(name: "From", value: "<sip:bench@dialtone.invalid>;tag=b\(sequence)"),
            SIPHeaderField(name: "To", value: "<\(uri)>"),
            SIPHeaderField(name: "Call-ID", value: "bench-\(sequence)@dialtone.invalid"),
            SIPHeaderField(name: "CSeq", value: "1 OPTIONS"),
            SIPHeaderField(name: "Content-Length", value: "0"),
        ])
        pending[number] = .now()
        endpoint.sendRequest(request, to: .target(target)) { event in
            let driver = box.value
            switch event {
            case let .final(response):
                guard let sentAt = driver.pending.removeValue(forKey: number) else { return }
                driver.result.latencies.append((NIODeadline.now() - sentAt).nanoseconds)
                driver.result.completed += 1
                if response.statusCode != 200 { driver.result.non200 += 1 }
                driver.next(box: box)
            case .timedOut, .transportError, .failedToStart:
                guard driver.pending.removeValue(forKey: number) != nil else { return }
                driver.result.failed += 1
                driver.next(box: box)
            default:
                break
            }
        }
    }

    func finish() {
        guard let done else { return }
        self.done = nil
        if result.elapsed == 0 { result.elapsed = Double((NIODeadline.now() - started).nanoseconds) / 1e9 }
        result.failed += inFlight
        done.succeed(result)
    }
}
