import Foundation
import SIPTestSupport
import Testing

/// Done when 5: stale=true: the retry happens with no second prompt.
///
/// Peer: Scenarios/uas-auth-stale.xml: 401, a verified answer, then 401 stale=true with a
/// new nonce; the second answer must carry the new nonce and verify.
@Suite("Done when 5: stale=true", .serialized, .timeLimit(.minutes(2)),
       .enabled(if: Peers.sippInstalled, "sipp is not installed (Debian package sip-tester)"))
struct DigestStaleNonceTests {
    @Test(needsHeadlessDialtone) func aStaleNonceIsRetriedWithoutAsking() async throws {
        let password = Users.alicePassword
        let uas = try await Peers.uas("uas-auth-stale.xml", keys: ["realm": Users.domain, "user": "alice", "password": password])
        defer { uas.stop() }
        let dialtone = try DialtoneProcess.call("sip:bob@\(uas.hostPort)", ["--user", "alice", "--duration", "1"])
        defer { dialtone.kill() }
        try await dialtone.waitForPrompt(endingWith: "Password:")
        try dialtone.send(line: password)
        try await dialtone.waitForLine(containing: "connected", timeout: .seconds(15))
        #expect(try await dialtone.waitForExit(timeout: .seconds(20)) == DialtoneExit.ok, "\(dialtone.transcript)")

        await expectPassed(uas, "the UAS with a stale nonce")
        #expect(dialtone.prompts(endingWith: "Password:").count == 1, "a second prompt after stale=true\n\(dialtone.transcript)")
        #expect(!dialtone.output().contains("authentication failed"), "stale=true is not a failure\n\(dialtone.transcript)")
        let invites = uas.messages.received.requests("INVITE")
        #expect(invites.count == 3, "\(invites.summary)")
        let challenges = uas.messages.sent.responses(401)
        #expect(challenges.count == 2)
        if invites.count == 3, challenges.count == 2 {
            let nonces = challenges.map { SIPTraceMessage.authParameter("nonce", in: $0.header("WWW-Authenticate") ?? "") }
            #expect(SIPTraceMessage.authParameter("nonce", in: invites[1].header("Authorization") ?? "") == nonces[0])
            #expect(SIPTraceMessage.authParameter("nonce", in: invites[2].header("Authorization") ?? "") == nonces[1])
        }
        dialtone.expectNothingLeaks([password])
    }
}
