import Foundation

/// kamailio as registrar and proxy for one test: a config (the one kept in
/// Tests/DialtoneIntegrationTests/Kamailio, or any other) and a sqlite subscriber
/// database written into a scratch directory, kamailio started in the foreground on
/// 127.0.0.1:`port` (UDP and TCP), ready once it answers an OPTIONS, and stopped (with
/// every process it forked) by `stop()` or at the latest when the object goes away.
/// Its log (stderr, `-E`) is kept in `kamailio.log`.
public final class KamailioProcess: Sendable {
    public static let path = executable("kamailio")
    public static let sqlitePath = executable("sqlite3")

    public struct Subscriber: Sendable {
        public var username: String
        public var password: String
        public init(_ username: String, password: String) {
            self.username = username
            self.password = password
        }
    }

    public enum Algorithm: String, Sendable {
        case md5 = "MD5"
        case sha256 = "SHA-256"
    }

    public let port: Int
    /// The SIP domain, also the digest realm.
    public let domain: String
    public let algorithm: Algorithm
    public let directory: TemporaryDirectory
    public let commandLine: [String]
    private let process: ChildProcess
    private let stopping = FirstTime()

    /// - configuration: the kamailio.cfg to run (see its header for the defines it takes).
    /// - makeDatabase: the script that writes the subscriber database
    ///   (`make-db.sh DBFILE REALM USER:PASSWORD…`).
    /// - defines: more `-A` defines (`NAME` or `NAME=VALUE`).
    public init(configuration: String, makeDatabase: String, subscribers: [Subscriber],
                domain: String = "dialtone.test", algorithm: Algorithm = .md5, port: Int? = nil,
                defines: [String] = [], readyTimeout: Duration = .seconds(20)) async throws {
        guard let kamailio = Self.path else {
            throw TestSupportError("kamailio is not installed (Debian packages kamailio, kamailio-sqlite-modules)")
        }
        directory = try TemporaryDirectory(prefix: "dialtone-kamailio")
        if let port { self.port = port } else { self.port = try await freePort() }
        self.domain = domain
        self.algorithm = algorithm

        let database = directory.path("subscribers.sqlite")
        let (status, output) = try run("/bin/sh", [makeDatabase, database, domain]
            + subscribers.map { "\($0.username):\($0.password)" })
        guard status == 0 else {
            directory.remove()
            throw TestSupportError("\(makeDatabase) failed (status \(status)): \(output)")
        }
        // A copy beside the database: what ran is what the report shows.
        let config = directory.path("kamailio.cfg")
        try FileManager.default.copyItem(atPath: configuration, toPath: config)

        var arguments = ["-f", config, "-DD", "-E", "-w", directory.path, "-Y", directory.path,
                         "-m", "32", "-M", "8",
                         "-l", "udp:127.0.0.1:\(self.port)", "-l", "tcp:127.0.0.1:\(self.port)",
                         "-A", "DBURL=\"sqlite:///\(database)\"", "-A", "DOMAIN=\"\(domain)\""]
        if algorithm == .sha256 { arguments += ["-A", "WITH_SHA256"] }
        for define in defines { arguments += ["-A", define] }
        commandLine = [kamailio] + arguments
        let log = try openOutputFile(directory.path("kamailio.log"))
        let null = try openNullDevice()
        defer {
            close(log)
            close(null)
        }
        process = try ChildProcess(executable: kamailio, arguments: arguments, environment: ProcessInfo.processInfo.environment,
                                   stdin: null, stdout: log, stderr: log)

        // Ready when it answers an OPTIONS to itself with 200. A kamailio whose children
        // failed to start keeps its main process alive, so the answer is what counts.
        let port = self.port
        var answered = false
        let deadline = ContinuousClock.now + readyTimeout
        while !answered && process.isRunning && ContinuousClock.now < deadline {
            if isListening(port: port, transport: .udp) {
                answered = Self.probe(port: port)?.hasPrefix("SIP/2.0 200") == true
            }
            if !answered { try? await Task.sleep(for: .milliseconds(100)) }
        }
        if !answered {
            let report = self.report
            stop()
            throw TestSupportError("kamailio did not answer an OPTIONS on 127.0.0.1:\(port)\n\(report)")
        }
    }

    deinit { stop() }

    /// One OPTIONS to the proxy itself, answered 200 by the config's probe rule.
    public static func probe(port: Int, timeout: Duration = .milliseconds(500)) -> String? {
        let id = UUID().uuidString
        let options = "OPTIONS sip:127.0.0.1:\(port) SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-probe-\(id);rport\r\n"
            + "Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=probe\r\nTo: <sip:127.0.0.1:\(port)>\r\n"
            + "Call-ID: probe-\(id)\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"
        return udpExchange(options, port: port, timeout: timeout)
    }

    public var isRunning: Bool { process.isRunning }
    public var hostPort: String { "127.0.0.1:\(port)" }
    /// `sip:127.0.0.1:PORT`, for --registrar and --proxy.
    public var uri: String { "sip:127.0.0.1:\(port)" }

    /// kamailio's log so far.
    public var log: String { directory.read("kamailio.log") }

    /// Ends kamailio and everything it forked (SIGTERM, then SIGKILL), removes its directory. Idempotent.
    public func stop() {
        guard stopping.claim() else { return }
        // Its workers are in its process group; one that left the group would not be.
        let workers = descendants(of: process.pid)
        process.stop(grace: .seconds(3))
        for worker in workers { sendSignal(SIGKILL, to: worker) }
        directory.remove()
    }

    public var report: String {
        let state = process.endStatus.map { "exit status \($0)" } ?? "still running"
        return "kamailio (\(state)): \(commandLine.joined(separator: " "))\n--- kamailio.log:\n\(log.suffix(8000))"
    }
}

/// Every process whose parent chain leads to `pid` (read from /proc), children first found.
func descendants(of pid: Int32) -> [Int32] {
    guard pid > 0, let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
    var parents: [Int32: Int32] = [:]
    for entry in entries {
        guard let child = Int32(entry),
              let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { continue }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        if fields.count > 1, let parent = Int32(fields[1]) { parents[child] = parent }
    }
    var result: [Int32] = []
    var frontier = [pid]
    while let current = frontier.popLast() {
        let children = parents.filter { $0.value == current }.map(\.key)
        result += children
        frontier += children
    }
    return result
}
