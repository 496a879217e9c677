import Foundation
import SIPTestSupport
import Testing

/// Done when 6: wrong password: "authentication failed for realm …", a second prompt;
/// giving up ends the call cleanly with the reason.
///
/// Peer: Scenarios/uas-auth-wrong.xml: every answer that does not verify gets a new 401
/// with a new nonce (up to 3); 5 s of silence after a challenge means the client gave up
/// (sipp passes); an answer that verifies is answered.
@Suite("Done when 6: a wrong password", .serialized, .timeLimit(.minutes(2)),
       .enabled(if: Peers.sippInstalled, "sipp is not installed (Debian package sip-tester)"))
struct DigestWrongPasswordTests {
    static let password = Users.alicePassword

    func uas() async throws -> SippProcess {
        try await Peers.uas("uas-auth-wrong.xml", keys: ["realm": Users.domain, "user": "alice", "password": Self.password])
    }

    /// Wrong, then EOF at the second prompt: the call ends with the reason, exit 5.
    @Test(needsHeadlessDialtone) func givingUpAtTheSecondPromptEndsTheCall() async throws {
        let uas = try await uas()
        defer { uas.stop() }
        let dialtone = try DialtoneProcess.call("sip:bob@\(uas.hostPort)", ["--user", "alice"])
        defer { dialtone.kill() }
        try await dialtone.waitForPrompt(endingWith: "Password:")
        try dialtone.send(line: "not-the-password")
        let failed = try await dialtone.waitForLine(containing: "authentication failed for realm")
        #expect(failed.contains("\"\(Users.domain)\"") && failed.contains(uas.hostPort) && failed.contains("(401)"), "\(failed)")
        try await dialtone.waitForPrompt(endingWith: "Password:")
        dialtone.closeInput()
        // "… call 1: ended: <reason>": the wording of the reason is the CLI's to choose.
        let ended = try await dialtone.waitForLine(containing: "ended: ")
        #expect(!(ended.components(separatedBy: "ended: ").last ?? "").trimmingCharacters(in: .whitespaces).isEmpty,
                "the reason is named: \(ended)")
        #expect(try await dialtone.waitForExit() == DialtoneExit.authenticationFailed, "\(dialtone.transcript)")

        await expectPassed(uas, "the UAS", timeout: .seconds(15))
        #expect(uas.logs.contains("the client gave up after 1 rejected answer"), "\(uas.logs)")
        #expect(uas.messages.received.requests("INVITE").count == 2)
        dialtone.expectNothingLeaks(["not-the-password"])
    }

    /// Wrong, then right at the second prompt: the call connects.
    @Test(needsHeadlessDialtone) func theRightPasswordAtTheSecondPromptConnects() async throws {
        let uas = try await uas()
        defer { uas.stop() }
        let dialtone = try DialtoneProcess.call("sip:bob@\(uas.hostPort)", ["--user", "alice", "--duration", "1"])
        defer { dialtone.kill() }
        try await dialtone.waitForPrompt(endingWith: "Password:")
        try dialtone.send(line: "not-the-password")
        try await dialtone.waitForLine(containing: "authentication failed for realm")
        try await dialtone.waitForPrompt(endingWith: "Password:")
        try dialtone.send(line: Self.password)
        try await dialtone.waitForLine(containing: "connected")
        #expect(try await dialtone.waitForExit(timeout: .seconds(20)) == DialtoneExit.ok, "\(dialtone.transcript)")
        await expectPassed(uas, "the UAS")
        dialtone.expectNothingLeaks(["not-the-password", Self.password])
    }

    /// Always wrong: asked a bounded number of times (3 by default), then the call ends;
    /// no rejected credentials are ever resent (each answer carries the newest nonce, which
    /// the scenario checks).
    @Test(needsHeadlessDialtone, .timeLimit(.minutes(1))) func theNumberOfAttemptsIsBounded() async throws {
        let uas = try await uas()
        defer { uas.stop() }
        let dialtone = try DialtoneProcess.call("sip:bob@\(uas.hostPort)", ["--user", "alice", "--json"])
        defer { dialtone.kill() }
        for attempt in 1...3 {
            try await dialtone.waitForPrompt(endingWith: "Password:")
            try dialtone.send(line: "wrong-\(attempt)")
            try await dialtone.waitForEvent("authentication_failed", fields: ["realm": Users.domain])
        }
        #expect(try await dialtone.waitForExit(timeout: .seconds(15)) == DialtoneExit.authenticationFailed, "\(dialtone.transcript)")
        #expect(dialtone.prompts(endingWith: "Password:").count == 3)
        await expectPassed(uas, "the UAS (a 4th wrong answer fails it)", timeout: .seconds(15))
        #expect(uas.messages.received.requests("INVITE").count == 4)
    }
}
