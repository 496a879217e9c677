import Foundation
import SIPTestSupport
import Testing

/// Done when 7: a 302 to a target that then answers 401: one prompt naming the new realm;
/// the call connects.
///
/// Peers: Scenarios/uas-302.xml redirecting to Scenarios/uas-auth-401.xml with realm
/// other.test and user carol.
@Suite("Done when 7: a 302, then a 401 with another realm", .serialized, .timeLimit(.minutes(2)),
       .enabled(if: Peers.sippInstalled, "sipp is not installed (Debian package sip-tester)"))
struct RedirectThenChallengeTests {
    @Test(needsHeadlessDialtone) func onePromptNamingTheNewRealm() async throws {
        let realm = "other.test"
        let target = try await Peers.uas("uas-auth-401.xml", keys: ["realm": realm, "user": "carol", "password": Users.carolPassword])
        defer { target.stop() }
        let contact = "sip:carol@\(target.hostPort)"
        let redirect = try await Peers.uas("uas-302.xml", keys: ["contact": "<\(contact)>"])
        defer { redirect.stop() }

        let dialtone = try DialtoneProcess.call("sip:carol@\(redirect.hostPort)", ["--duration", "1"])
        defer { dialtone.kill() }
        try await dialtone.waitForLine(containing: "moved temporarily to \(contact)")
        let username = try await dialtone.waitForPrompt(endingWith: "Username:")
        #expect(username.contains(realm) && username.contains(target.hostPort), "the prompt names the new realm and host: \(username)")
        try dialtone.send(line: "carol")
        let password = try await dialtone.waitForPrompt(endingWith: "Password:")
        #expect(password.contains(realm), "\(password)")
        try dialtone.send(line: Users.carolPassword)
        try await dialtone.waitForLine(containing: "connected")
        #expect(try await dialtone.waitForExit(timeout: .seconds(20)) == DialtoneExit.ok, "\(dialtone.transcript)")

        await expectPassed(redirect, "the redirecting UAS")
        await expectPassed(target, "the challenging target")
        #expect(dialtone.prompts(endingWith: "Password:").count == 1)
        #expect(!dialtone.output(.stderr).contains(Users.domain), "no prompt for any other realm")
        let first = try #require(redirect.messages.received.requests("INVITE").first)
        let invites = target.messages.received.requests("INVITE")
        #expect(invites.count == 2, "\(invites.summary)")
        #expect(invites.allSatisfy { $0.callID == first.callID && $0.fromTag == first.fromTag })
        #expect(invites.map { $0.cseq?.number ?? -1 } == [(first.cseq?.number ?? -1) + 1, (first.cseq?.number ?? -1) + 2])
        dialtone.expectNothingLeaks([Users.carolPassword])
    }
}
