import SIPCore
import SIPTransaction
import Testing

/// RFC 3261 §17.2.1 (figure 7) and RFC 6026 §7.1, on a fake clock.
@Suite struct ServerInviteTransactionTests {
    let invite = Messages.invite
    var trying: SIPMessage { .tryingResponse(to: invite) }

    func started(_ reliability: SIPTransportReliability = .unreliable) -> SIPServerInviteTransaction {
        var tx = SIPServerInviteTransaction(request: invite, reliability: reliability)
        _ = tx.start(now: .origin)
        return tx
    }

    func ack(for response: SIPMessage) -> SIPMessage {
        Messages.retransmission(of: .ack(forNonSuccess: response, to: invite))
    }

    @Test func startSendsTryingAndPassesTheInviteUp() {
        var tx = SIPServerInviteTransaction(request: invite, reliability: .unreliable)
        #expect(tx.start(now: at(0)) == [.send(trying), .tell(.request(invite))])
        #expect(tx.state == .proceeding)
        #expect(tx.armedTimers.isEmpty)
    }

    @Test func tryingIsBuiltFromTheInvite() throws {
        let withTimestamp = message("""
            INVITE sip:bob@biloxi.example.com SIP/2.0
            Via: SIP/2.0/UDP proxy.example.com;branch=z9hG4bK1, SIP/2.0/UDP pc33.example.com;branch=z9hG4bK2
            Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK3
            t: <sip:bob@biloxi.example.com>
            f: <sip:alice@atlanta.example.com>;tag=88
            i: trying-test
            CSeq: 7 INVITE
            Timestamp: 54.2
            Content-Length: 0


            """)
        let trying = SIPMessage.tryingResponse(to: withTimestamp)
        #expect(trying.statusCode == 100)
        #expect(trying.reasonPhrase == "Trying")
        #expect(trying.values(.via) == ["SIP/2.0/UDP proxy.example.com;branch=z9hG4bK1, SIP/2.0/UDP pc33.example.com;branch=z9hG4bK2", "SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK3"])
        #expect(trying.value(.to) == "<sip:bob@biloxi.example.com>")
        #expect(trying.to?.tag == nil)
        #expect(trying.value(.from) == "<sip:alice@atlanta.example.com>;tag=88")
        #expect(trying.callID == "trying-test")
        #expect(trying.cseq == SIPCSeq(7, .invite))
        #expect(trying.value(.timestamp) == "54.2")
        #expect(trying.body.isEmpty)
        // A built message states its (empty) body's length when written.
        #expect(try SIPMessageParser.parse(trying.serialized()).contentLength == 0)
    }

    @Test func retransmittedInviteInProceedingResendsTheLastProvisional() {
        var tx = started()
        #expect(tx.receive(request: Messages.retransmission(of: invite), now: at(500)) == [.send(trying)])
        let ringing = Messages.response(180, to: invite)
        #expect(tx.send(response: ringing, now: at(600)) == [.send(ringing)])
        #expect(tx.state == .proceeding)
        #expect(tx.receive(request: Messages.retransmission(of: invite), now: at(1_500)) == [.send(ringing)])
        // An ACK before any final is ignored.
        #expect(tx.receive(request: ack(for: Messages.response(486, to: invite)), now: at(1_600)) == [])
    }

    @Test func nonSuccessFinalRetransmitsOnTimerGUntilTimerH() {
        var tx = started()
        let busy = Messages.response(486, to: invite)
        #expect(tx.send(response: busy, now: at(2_000)) == [.send(busy), .arm(.g, at: at(2_500)), .arm(.h, at: at(34_000))])
        #expect(tx.state == .completed)
        let firings = tx.runTimers()
        // G: T1, then doubling to T2 = 4 s, from the final at 2 s.
        #expect(firings.instants(of: .g) == seconds(2.5, 3.5, 5.5, 9.5, 13.5, 17.5, 21.5, 25.5, 29.5, 33.5))
        #expect(firings[0].actions == [.send(busy), .arm(.g, at: at(3_500))])
        #expect(firings[2].actions == [.send(busy), .arm(.g, at: at(9_500))])
        #expect(firings.instants(of: .h) == seconds(34))
        // H: the ACK never came; the TU hears of the failure.
        #expect(firings.last?.actions == [.cancel(.g), .tell(.timedOut(.h)), .tell(.terminated)])
        #expect(tx.state == .terminated)
    }

    @Test func completedResendsTheFinalForARetransmittedInvite() {
        var tx = started()
        let busy = Messages.response(486, to: invite)
        _ = tx.send(response: busy, now: at(0))
        #expect(tx.receive(request: Messages.retransmission(of: invite), now: at(300)) == [.send(busy)])
        // Responses the TU sends after the final are discarded.
        #expect(tx.send(response: Messages.response(180, to: invite), now: at(400)) == [])
        #expect(tx.send(response: Messages.response(200, to: invite), now: at(400)) == [])
        #expect(tx.state == .completed)
    }

    @Test func ackConfirmsAndTimerIAbsorbsRetransmittedACKs() {
        var tx = started()
        let busy = Messages.response(486, to: invite)
        _ = tx.send(response: busy, now: at(0))
        _ = tx.timerFired(.g, now: at(500))
        #expect(tx.receive(request: ack(for: busy), now: at(700)) == [.cancel(.g), .cancel(.h), .arm(.i, at: at(5_700))])
        #expect(tx.state == .confirmed)
        #expect(tx.receive(request: ack(for: busy), now: at(1_000)) == [])
        #expect(tx.receive(request: Messages.retransmission(of: invite), now: at(1_000)) == [])
        let firings = tx.runTimers()
        #expect(firings.map(\.timer) == [.i])
        #expect(firings[0].at == at(5_700))
        #expect(firings[0].actions == [.tell(.terminated)])
    }

    @Test func reliableTransportArmsNoTimerGAndTimerIIsZero() {
        var tx = started(.reliable)
        let busy = Messages.response(603, to: invite)
        #expect(tx.send(response: busy, now: at(100)) == [.send(busy), .arm(.h, at: at(32_100))])
        #expect(tx.receive(request: ack(for: busy), now: at(150)) == [.cancel(.h), .arm(.i, at: at(150))])
        #expect(tx.timerFired(.i, now: at(150)) == [.tell(.terminated)])
    }

    @Test func reliableTimerHAlone() {
        var tx = started(.reliable)
        _ = tx.send(response: Messages.response(480, to: invite), now: at(0))
        let firings = tx.runTimers()
        #expect(firings.map(\.timer) == [.h])
        #expect(firings[0].actions == [.tell(.timedOut(.h)), .tell(.terminated)])
    }

    @Test func successMovesToAcceptedUntilTimerL() {
        var tx = started()
        let ok = Messages.response(200, to: invite)
        #expect(tx.send(response: ok, now: at(3_000)) == [.send(ok), .arm(.l, at: at(35_000))])
        #expect(tx.state == .accepted)
        // RFC 6026 §7.1: INVITE retransmissions are absorbed (not passed up as new
        // requests), the TU's 2xx retransmissions go out, ACKs go to the TU.
        #expect(tx.receive(request: Messages.retransmission(of: invite), now: at(3_100)) == [])
        #expect(tx.send(response: ok, now: at(3_500)) == [.send(ok)])
        #expect(tx.send(response: Messages.response(180, to: invite), now: at(3_500)) == [])
        let ack = Messages.retransmission(of: .ack(forNonSuccess: ok, to: invite))
        #expect(tx.receive(request: ack, now: at(3_600)) == [.tell(.request(ack))])
        #expect(tx.receive(request: ack, now: at(3_700)) == [.tell(.request(ack))])
        let firings = tx.runTimers()
        #expect(firings.map(\.timer) == [.l])
        #expect(firings[0].at == at(35_000))
        #expect(firings[0].actions == [.tell(.terminated)])
        #expect(tx.finalResponse.map { $0.statusCode } == 200)
    }

    @Test func transportErrorInProceedingTellsTheTUAndTerminates() {
        var tx = started()
        #expect(tx.transportError() == [.tell(.transportError), .tell(.terminated)])
        #expect(tx.state == .terminated)
        #expect(tx.send(response: Messages.response(200, to: invite), now: at(10)) == [])
    }

    @Test func transportErrorInCompletedCancelsGAndH() {
        var tx = started()
        _ = tx.send(response: Messages.response(500, to: invite), now: at(0))
        #expect(tx.transportError() == [.cancel(.g), .cancel(.h), .tell(.transportError), .tell(.terminated)])
    }
}
