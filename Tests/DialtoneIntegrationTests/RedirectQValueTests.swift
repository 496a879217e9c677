import Foundation
import SIPTestSupport
import Testing

/// Done when 2: two Contacts with q-values, the higher one busy: the lower one is tried and
/// connects.
///
/// Peers: Scenarios/uas-302.xml whose Contact lists the q=0.5 target first and the q=0.9
/// one second (the client must order them itself), Scenarios/uas-busy.xml (486) as the
/// q=0.9 target, Scenarios/uas-answer.xml with expect_cseq 3 as the q=0.5 target.
@Suite("Done when 2: two Contacts by q-value, the higher busy", .serialized, .timeLimit(.minutes(2)),
       .enabled(if: Peers.sippInstalled, "sipp is not installed (Debian package sip-tester)"))
struct RedirectQValueTests {
    @Test(needsHeadlessDialtone) func theLowerContactIsTriedAfterTheHigherIsBusy() async throws {
        let low = try await Peers.uas("uas-answer.xml", keys: ["expect_cseq": "3"])
        defer { low.stop() }
        let busy = try await Peers.uas("uas-busy.xml")
        defer { busy.stop() }
        let lowContact = "sip:low@\(low.hostPort)"
        let highContact = "sip:busy@\(busy.hostPort)"
        let redirect = try await Peers.uas("uas-302.xml", keys: ["contact": "<\(lowContact)>;q=0.5, <\(highContact)>;q=0.9"])
        defer { redirect.stop() }

        let dialtone = try DialtoneProcess.call("sip:bob@\(redirect.hostPort)", ["--duration", "1", "--json"])
        defer { dialtone.kill() }
        let redirected = try await dialtone.waitForEvent("redirected", fields: ["code": "302"])
        #expect(redirected["to"] == highContact, "the q=0.9 contact comes first: \(redirected)")
        try await dialtone.waitForEvent("call_state", fields: ["state": "connected"], timeout: .seconds(15))
        #expect(try await dialtone.waitForExit(timeout: .seconds(20)) == DialtoneExit.ok, "\(dialtone.transcript)")

        await expectPassed(redirect, "the redirecting UAS")
        await expectPassed(busy, "the busy UAS")
        await expectPassed(low, "the answering UAS")
        let first = try #require(redirect.messages.received.requests("INVITE").first)
        let toBusy = try #require(busy.messages.received.requests("INVITE").first)
        let toLow = try #require(low.messages.received.requests("INVITE").first)
        #expect(toBusy.requestURI == highContact)
        #expect(toLow.requestURI == lowContact)
        for invite in [toBusy, toLow] {
            #expect(invite.callID == first.callID)
            #expect(invite.fromTag == first.fromTag)
            #expect(invite.toWithoutTag == first.toWithoutTag)
        }
        #expect(toBusy.cseq?.number == (first.cseq?.number ?? -1) + 1)
        #expect(toLow.cseq?.number == (first.cseq?.number ?? -1) + 2)
        #expect(Set([first.branch, toBusy.branch, toLow.branch]).count == 3)
        #expect(toBusy.timestamp < toLow.timestamp, "the busy (q=0.9) target was tried first")
    }
}
