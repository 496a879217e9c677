import Foundation
import SIPTestSupport
import Testing

/// Where this target keeps its peers: sipp scenarios (Scenarios/, each documented in its
/// header, validated with sipp as the client by Scenarios/validate.sh and
/// PeerValidationTests) and the kamailio config (Kamailio/).
enum Peers {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    static func scenario(_ name: String) -> String { directory.appendingPathComponent("Scenarios/\(name)").path }
    static var kamailioConfig: String { directory.appendingPathComponent("Kamailio/kamailio.cfg").path }
    static var makeDatabase: String { directory.appendingPathComponent("Kamailio/make-db.sh").path }
    static func kamailioScenario(_ name: String) -> String { directory.appendingPathComponent("Kamailio/sipp/\(name)").path }

    static var sippInstalled: Bool { SippProcess.path != nil }
    static var kamailioInstalled: Bool { KamailioProcess.path != nil && KamailioProcess.sqlitePath != nil }

    /// A sipp UAS playing Scenarios/`name` on a free port of 127.0.0.1, for one call, with
    /// `-key` values; listening when this returns.
    static func uas(_ name: String, keys: [String: String] = [:], timeout: Duration = .seconds(40)) async throws -> SippProcess {
        try await SippProcess(scenario: scenario(name), timeout: timeout, arguments: keyArguments(keys))
    }

    /// A sipp UAC playing `path` against `remote` (host:port), for one call.
    static func uac(_ path: String, remote: String, keys: [String: String] = [:], arguments: [String] = [],
                    timeout: Duration = .seconds(30)) async throws -> SippProcess {
        try await SippProcess(scenario: path, remote: remote, timeout: timeout, arguments: keyArguments(keys) + arguments)
    }

    static func keyArguments(_ keys: [String: String]) -> [String] {
        keys.sorted { $0.key < $1.key }.flatMap { ["-key", $0.key, $0.value] }
    }

    /// kamailio on a free port with the users of these tests.
    static func kamailio(algorithm: KamailioProcess.Algorithm = .md5) async throws -> KamailioProcess {
        try await KamailioProcess(configuration: kamailioConfig, makeDatabase: makeDatabase,
                                  subscribers: [.init("alice", password: Users.alicePassword), .init("bob", password: Users.bobPassword)],
                                  domain: Users.domain, algorithm: algorithm)
    }
}

/// The accounts the scenarios and kamailio know. Passwords are distinctive, so that a test
/// can check that none of them ever reaches dialtone's output.
enum Users {
    static let domain = "dialtone.test"
    static let alicePassword = "wonder-Land-7"
    static let bobPassword = "b0b-the-Builder"
    static let carolPassword = "carol-0ther-realm"
}

/// dialtone's exit statuses (the `--no-tui` contract).
enum DialtoneExit {
    /// Connected and ended normally.
    static let ok: Int32 = 0
    /// Any other error.
    static let other: Int32 = 1
    static let usage: Int32 = 2
    /// Not reachable, or timed out.
    static let unreachable: Int32 = 3
    /// A final response ≥ 400.
    static let rejected: Int32 = 4
    static let authenticationFailed: Int32 = 5
    /// A redirect loop, too many redirects, or no usable Contact.
    static let redirectFailed: Int32 = 6
    /// Ctrl-C or --duration before the call was answered.
    static let cancelled: Int32 = 7
}

/// sipp ended by itself (within `timeout`) with status 0 and none of its checks failed.
func expectPassed(_ sipp: SippProcess, _ what: String, timeout: Duration = .seconds(15),
                  sourceLocation: SourceLocation = #_sourceLocation) async {
    let status = await sipp.waitForExit(timeout: timeout)
    #expect(status == 0, "\(what): sipp did not pass its scenario\n\(sipp.report)", sourceLocation: sourceLocation)
    #expect(sipp.checkFailures.isEmpty, "\(what): \(sipp.checkFailures.joined(separator: "\n"))", sourceLocation: sourceLocation)
}

extension DialtoneProcess {
    /// `dialtone call URI --no-tui …` with `arguments` after it.
    static func call(_ uri: String, _ arguments: [String] = [], environment: [String: String] = [:]) throws -> DialtoneProcess {
        try DialtoneProcess(["call", uri, "--no-tui"] + arguments, environment: environment)
    }

    /// The prompts it has shown on stderr so far that end with `suffix`.
    func prompts(endingWith suffix: String) -> [String] {
        lines(.stderr).filter { $0.trimmingCharacters(in: .whitespaces).hasSuffix(suffix) }
    }

    /// None of `secrets` appears in anything dialtone printed.
    func expectNothingLeaks(_ secrets: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in secrets {
            #expect(!output(.stdout).contains(secret) && !output(.stderr).contains(secret),
                    "a password reached dialtone's output\n\(transcript)", sourceLocation: sourceLocation)
        }
    }
}

extension KamailioProcess {
    /// dialtone's account flags for `user`, registered here.
    func accountFlags(_ user: String) -> [String] {
        ["--aor", "sip:\(user)@\(Users.domain)", "--registrar", uri, "--user", user]
    }

    /// alice registers (401, the one prompt) and calls sip:bob@dialtone.test through the
    /// proxy: the 407 is answered from the cached credentials, the call connects and ends.
    func aliceCallsBob(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let alice = try DialtoneProcess.call("sip:bob@\(Users.domain)",
                                             accountFlags("alice") + ["--proxy", uri, "--duration", "1", "--json"])
        defer { alice.kill() }
        try await alice.waitForPrompt(endingWith: "Password:")
        try alice.send(line: Users.alicePassword)
        try await alice.waitForEvent("call_state", fields: ["state": "connected"], timeout: .seconds(15))
        #expect(try await alice.waitForExit(timeout: .seconds(15)) == DialtoneExit.ok, "\(alice.transcript)", sourceLocation: sourceLocation)
        #expect(alice.prompts(endingWith: "Password:").count == 1, "the 407 asked again\n\(alice.transcript)", sourceLocation: sourceLocation)
        #expect(log.contains("INVITE from sip:alice@\(Users.domain): challenged"), "no 407 was sent\n\(report)", sourceLocation: sourceLocation)
        alice.expectNothingLeaks([Users.alicePassword], sourceLocation: sourceLocation)
    }
}
