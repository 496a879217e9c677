import Foundation
import SIPTestSupport
import Testing

/// Done when 4: a UAS challenges with 401 (MD5, qop=auth) and checks the answer with sipp's
/// `<verifyauth>`: the call connects after credentials are given at the prompt. The same
/// with 407.
///
/// Peers: Scenarios/uas-auth-401.xml and uas-auth-407.xml (they check the ACK for the
/// challenge, the retried INVITE's CSeq + 1, From tag, new branch, and every digest
/// parameter, and verify the response with the password).
@Suite("Done when 4: 401 and 407 answered at the prompt", .serialized, .timeLimit(.minutes(2)),
       .enabled(if: Peers.sippInstalled, "sipp is not installed (Debian package sip-tester)"))
struct DigestChallengeTests {
    static let password = Users.alicePassword

    func challenger(_ code: Int) async throws -> SippProcess {
        try await Peers.uas("uas-auth-\(code).xml", keys: ["realm": Users.domain, "user": "alice", "password": Self.password])
    }

    /// Both prompts: the username, then the password, each naming the realm and the host.
    @Test(needsHeadlessDialtone, arguments: [401, 407])
    func promptedForUsernameAndPassword(code: Int) async throws {
        let uas = try await challenger(code)
        defer { uas.stop() }
        let dialtone = try DialtoneProcess.call("sip:bob@\(uas.hostPort)", ["--duration", "1"])
        defer { dialtone.kill() }

        let username = try await dialtone.waitForPrompt(endingWith: "Username:")
        #expect(username.contains(Users.domain) && username.contains(uas.hostPort), "\(username)")
        try dialtone.send(line: "alice")
        let password = try await dialtone.waitForPrompt(endingWith: "Password:")
        #expect(password.contains(Users.domain) && password.contains(uas.hostPort), "\(password)")
        try dialtone.send(line: Self.password)
        try await dialtone.waitForLine(containing: "connected")
        #expect(try await dialtone.waitForExit(timeout: .seconds(20)) == DialtoneExit.ok, "\(dialtone.transcript)")

        await expectPassed(uas, "the challenging UAS")
        #expect(dialtone.prompts(endingWith: "Password:").count == 1)
        dialtone.expectNothingLeaks([Self.password])
        let invites = uas.messages.received.requests("INVITE")
        #expect(invites.count == 2, "\(invites.summary)")
        let header = code == 401 ? "Authorization" : "Proxy-Authorization"
        #expect(invites.first?.header(header) == nil)
        let authorization = try #require(invites.last?.header(header), "\(uas.report)")
        #expect(SIPTraceMessage.authParameter("username", in: authorization) == "alice")
        #expect(SIPTraceMessage.authParameter("realm", in: authorization) == Users.domain)
        #expect(SIPTraceMessage.authParameter("qop", in: authorization) == "auth")
        // uas-auth-401 verifies the response itself; sipp cannot for Proxy-Authorization.
        #expect(invites.last?.digestResponseMatches(password: Self.password, header: header) == true, "\(authorization)")
    }

    /// --user NAME: no username prompt, only the password.
    @Test(needsHeadlessDialtone, arguments: [401, 407])
    func userGivenOnTheCommandLine(code: Int) async throws {
        let uas = try await challenger(code)
        defer { uas.stop() }
        let dialtone = try DialtoneProcess.call("sip:bob@\(uas.hostPort)", ["--user", "alice", "--duration", "1"])
        defer { dialtone.kill() }
        try await dialtone.waitForPrompt(endingWith: "Password:")
        try dialtone.send(line: Self.password)
        try await dialtone.waitForLine(containing: "connected")
        #expect(try await dialtone.waitForExit(timeout: .seconds(20)) == DialtoneExit.ok, "\(dialtone.transcript)")
        await expectPassed(uas, "the challenging UAS")
        #expect(dialtone.prompts(endingWith: "Username:").isEmpty)
        dialtone.expectNothingLeaks([Self.password])
    }

    /// DIALTONE_PASSWORD and --password-file: no prompt at all, and the JSON events say
    /// which realm asked (credentials_needed) without the password.
    @Test(needsHeadlessDialtone, arguments: ["environment", "file"])
    func passwordFromTheEnvironmentOrAFile(source: String) async throws {
        let uas = try await challenger(401)
        defer { uas.stop() }
        let scratch = try TemporaryDirectory(prefix: "dialtone-password")
        defer { scratch.remove() }
        var arguments = ["--user", "alice", "--duration", "1", "--json"]
        var environment: [String: String] = [:]
        if source == "file" {
            try scratch.write(Self.password + "\n", to: "password")
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: scratch.path("password"))
            arguments += ["--password-file", scratch.path("password")]
        } else {
            environment["DIALTONE_PASSWORD"] = Self.password
        }
        let dialtone = try DialtoneProcess.call("sip:bob@\(uas.hostPort)", arguments, environment: environment)
        defer { dialtone.kill() }
        try await dialtone.waitForEvent("call_state", fields: ["state": "connected"])
        #expect(try await dialtone.waitForExit(timeout: .seconds(20)) == DialtoneExit.ok, "\(dialtone.transcript)")
        await expectPassed(uas, "the challenging UAS")
        #expect(dialtone.prompts(endingWith: "Password:").isEmpty)
        dialtone.expectNothingLeaks([Self.password])
    }
}
