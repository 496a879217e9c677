import Foundation
import SIPTestSupport
import Testing

/// Done when 1: a UAS answers the INVITE with 302 to a second UAS. The output says "moved
/// temporarily to <contact>"; the second INVITE goes to the contact with the same Call-ID,
/// From tag and To, CSeq + 1 and a new branch; the call connects and ends with BYE/200.
///
/// Peers: Scenarios/uas-302.xml (checks the ACK for the 302 is in the INVITE's
/// transaction) redirecting to Scenarios/uas-answer.xml with expect_cseq 2 (checks the SDP
/// offer, the CSeq, the ACK for the 200 and the BYE). What spans the two is checked here
/// from both message traces.
@Suite("Done when 1: a 302 to a second UAS", .serialized, .timeLimit(.minutes(2)),
       .enabled(if: Peers.sippInstalled, "sipp is not installed (Debian package sip-tester)"))
struct Redirect302Tests {
    func redirectedCall(json: Bool) async throws {
        let answer = try await Peers.uas("uas-answer.xml", keys: ["expect_cseq": "2"])
        defer { answer.stop() }
        let contact = "sip:bob@\(answer.hostPort)"
        let redirect = try await Peers.uas("uas-302.xml", keys: ["contact": "<\(contact)>"])
        defer { redirect.stop() }
        let dialled = "sip:bob@\(redirect.hostPort)"

        let dialtone = try DialtoneProcess.call(dialled, ["--duration", "1"] + (json ? ["--json"] : []))
        defer { dialtone.kill() }
        if json {
            let moved = try await dialtone.waitForEvent("redirected", fields: ["code": "302", "to": contact])
            #expect(moved["from"] == dialled)
            #expect(moved["attempt"] == "2")
            #expect(moved["text"]?.contains("moved temporarily to \(contact)") == true)
            try await dialtone.waitForEvent("call_state", fields: ["state": "connected"])
        } else {
            let moved = try await dialtone.waitForLine(containing: "moved temporarily to \(contact)")
            #expect(moved.contains("(302 from \(dialled), attempt 2)"), "\(moved)")
            try await dialtone.waitForLine(containing: "connected")
        }
        #expect(try await dialtone.waitForExit(timeout: .seconds(20)) == DialtoneExit.ok, "\(dialtone.transcript)")

        await expectPassed(redirect, "the redirecting UAS")
        await expectPassed(answer, "the answering UAS")
        let first = try #require(redirect.messages.received.requests("INVITE").first, "\(redirect.report)")
        let second = try #require(answer.messages.received.requests("INVITE").first, "\(answer.report)")
        #expect(second.requestURI == contact)
        #expect(second.callID == first.callID)
        #expect(second.fromTag == first.fromTag)
        #expect(second.toWithoutTag == first.toWithoutTag)
        #expect(second.toTag == nil)
        #expect(second.cseq?.number == (first.cseq?.number ?? -1) + 1)
        #expect(second.branch != first.branch)
        #expect(second.body == first.body, "the redirected INVITE carries the same offer")
        // The 302 was ACKed (uas-302 checks the ACK itself), the call ended with BYE/200.
        #expect(redirect.messages.received.requests("ACK").count == 1)
        let bye = try #require(answer.messages.received.requests("BYE").first, "\(answer.report)")
        #expect(bye.callID == first.callID)
        #expect(answer.messages.sent.responses(200).contains { $0.cseq?.method == "BYE" })
        // The dialled URI is what the user typed, for the next call: the events still name it.
        #expect(dialtone.output().contains(dialled))
    }

    @Test(needsHeadlessDialtone) func textOutput() async throws { try await redirectedCall(json: false) }
    @Test(needsHeadlessDialtone) func jsonOutput() async throws { try await redirectedCall(json: true) }
}
