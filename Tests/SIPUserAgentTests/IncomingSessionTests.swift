import SIPCore
import SIPTransaction
import Testing
@testable import SIPUserAgent

/// Answering incoming calls with offer/answer: an offerless INVITE answered with our
/// offer (the answer in the ACK), and refusing one whose offer has no common codec.
@Suite struct IncomingSessionTests {
    static func offerlessInvite() -> String {
        """
        INVITE sip:dialtone@192.0.2.10:5060 SIP/2.0
        Via: SIP/2.0/UDP 198.51.100.1:5062;branch=z9hG4bKnooffer
        Max-Forwards: 70
        From: "Bob" <sip:bob@198.51.100.1>;tag=caller-tag
        To: <sip:dialtone@192.0.2.10>
        Call-ID: incoming-1
        CSeq: 5 INVITE
        Contact: <sip:bob@198.51.100.1:5062>
        Content-Length: 0


        """
    }

    @Test func anOfferlessINVITEIsAnsweredWithOurOfferAndTheACKBringsTheAnswer() throws {
        var ua = UserAgentHarness(defaultSession: nil)
        let server = ua.receive(Self.offerlessInvite())
        let call = try #require(ua.agent.activeCalls.first)
        #expect(ua.remoteSessions.isEmpty)
        let offer = UserAgentHarness.body("v=0\r\no=dialtone 1 1 IN IP4 192.0.2.10\r\n")
        ua.command(.answer(call, answer: offer))
        let ok = try #require(ua.response(on: server))
        #expect(ok.statusCode == 200)
        #expect(ok.body == offer.bytes)
        #expect(ok.value(.contentType) == "application/sdp")

        let peer = UserAgentHarness.PeerDialog(from: "\"Bob\" <sip:bob@198.51.100.1>;tag=caller-tag", to: ok.value(.to) ?? "", callID: "incoming-1")
        ua.receiveACK(sequence: 5, peer: peer, body: UserAgentHarness.body("v=0\r\no=bob 1 1 IN IP4 198.51.100.1\r\n"))
        #expect(ua.remoteSessions == ["v=0\r\no=bob 1 1 IN IP4 198.51.100.1\r\n"])
        #expect(ua.armed[.answerRetransmit(call)] == nil)
        #expect(ua.agent.state(of: call) == .connected)
    }

    @Test func anACKForAnAnsweredOfferIsNotAnAnswer() throws {
        var ua = UserAgentHarness()
        let (_, peer) = ua.connectedIncomingCall()
        #expect(ua.remoteSessions == ["v=0\r\n"], "the INVITE's offer only")
        ua.receiveACK(sequence: 5, peer: peer, body: UserAgentHarness.body("v=1\r\n"))
        #expect(ua.remoteSessions == ["v=0\r\n"])
    }

    @Test func rejectingWith488SaysWhyInAWarningAndTheEndReason() throws {
        var ua = UserAgentHarness()
        let server = ua.receive(CallTests.incomingInvite())
        let call = try #require(ua.agent.activeCalls.first)
        ua.command(.reject(call, code: 488, reason: "no common codec"))
        let refusal = try #require(ua.response(on: server))
        #expect(refusal.statusCode == 488)
        #expect(refusal.value(.warning) == "304 192.0.2.10:5060 \"no common codec\"")
        #expect(refusal.to?.tag != nil)
        let end = try #require(ua.endOfCall)
        #expect(end.cause == .rejected)
        #expect(end.code == 488)
        #expect(end.reason == "rejected here (488 Not Acceptable Here): no common codec")
        #expect(ua.agent.state(of: call)?.isEnded == true)
    }

    @Test func aRejectReasonNeverBreaksTheHeaderAndOtherCodesGet399() throws {
        var ua = UserAgentHarness()
        let server = ua.receive(CallTests.incomingInvite())
        let call = try #require(ua.agent.activeCalls.first)
        ua.command(.reject(call, code: 486, reason: "in a \"meeting\"\r\nX-Evil: 1"))
        let refusal = try #require(ua.response(on: server))
        #expect(refusal.statusCode == 486)
        #expect(refusal.warnings == [SIPWarning(code: 399, agent: "192.0.2.10:5060", text: "in a \"meeting\"X-Evil: 1")])
        #expect(refusal.value("X-Evil") == nil)
    }

    @Test func theOldRejectShapeSendsNoWarning() throws {
        var ua = UserAgentHarness()
        let server = ua.receive(CallTests.incomingInvite())
        let call = try #require(ua.agent.activeCalls.first)
        ua.command(.reject(call, code: 603))
        #expect(ua.response(on: server)?.statusCode == 603)
        #expect(ua.response(on: server)?.value(.warning) == nil)
        #expect(ua.endOfCall?.reason == "rejected here (603 Decline)")
    }
}
