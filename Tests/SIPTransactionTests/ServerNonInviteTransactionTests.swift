import SIPCore
import SIPTransaction
import Testing

/// RFC 3261 §17.2.2 (figure 8), on a fake clock.
@Suite struct ServerNonInviteTransactionTests {
    let bye = Messages.bye

    func started(_ reliability: SIPTransportReliability = .unreliable) -> SIPServerNonInviteTransaction {
        var tx = SIPServerNonInviteTransaction(request: bye, reliability: reliability)
        _ = tx.start(now: .origin)
        return tx
    }

    @Test func startPassesTheRequestUp() {
        var tx = SIPServerNonInviteTransaction(request: bye, reliability: .unreliable)
        #expect(tx.start(now: at(0)) == [.tell(.request(bye))])
        #expect(tx.state == .trying)
    }

    @Test func tryingAbsorbsRetransmissions() {
        var tx = started()
        #expect(tx.receive(request: Messages.retransmission(of: bye), now: at(500)) == [])
        #expect(tx.state == .trying)
    }

    @Test func proceedingResendsTheLastProvisional() {
        var tx = started()
        let trying = Messages.response(100, to: bye, toTag: nil)
        #expect(tx.send(response: trying, now: at(100)) == [.send(trying)])
        #expect(tx.state == .proceeding)
        #expect(tx.receive(request: Messages.retransmission(of: bye), now: at(500)) == [.send(trying)])
        let progress = Messages.response(182, to: bye, toTag: nil)
        #expect(tx.send(response: progress, now: at(600)) == [.send(progress)])
        #expect(tx.receive(request: Messages.retransmission(of: bye), now: at(1_500)) == [.send(progress)])
    }

    @Test func finalResponseCompletesAndTimerJAbsorbsRetransmissions() {
        var tx = started()
        let ok = Messages.response(200, to: bye, toTag: nil)
        #expect(tx.send(response: ok, now: at(200)) == [.send(ok), .arm(.j, at: at(32_200))])
        #expect(tx.state == .completed)
        #expect(tx.receive(request: Messages.retransmission(of: bye), now: at(500)) == [.send(ok)])
        // Later responses from the TU are discarded (§17.2.2).
        #expect(tx.send(response: Messages.response(500, to: bye, toTag: nil), now: at(600)) == [])
        let firings = tx.runTimers()
        #expect(firings.map(\.timer) == [.j])
        #expect(firings[0].at == at(32_200))
        #expect(firings[0].actions == [.tell(.terminated)])
        #expect(tx.state == .terminated)
    }

    @Test func finalResponseFromProceeding() {
        var tx = started()
        _ = tx.send(response: Messages.response(100, to: bye, toTag: nil), now: at(100))
        let notFound = Messages.response(481, to: bye, toTag: nil)
        #expect(tx.send(response: notFound, now: at(300)) == [.send(notFound), .arm(.j, at: at(32_300))])
    }

    @Test func timerJIsZeroOnReliableTransports() {
        var tx = started(.reliable)
        let ok = Messages.response(200, to: bye, toTag: nil)
        #expect(tx.send(response: ok, now: at(200)) == [.send(ok), .arm(.j, at: at(200))])
        #expect(tx.timerFired(.j, now: at(200)) == [.tell(.terminated)])
    }

    @Test func transportErrorTellsTheTUAndTerminates() {
        var tx = started()
        _ = tx.send(response: Messages.response(200, to: bye, toTag: nil), now: at(0))
        #expect(tx.transportError() == [.cancel(.j), .tell(.transportError), .tell(.terminated)])
        #expect(tx.state == .terminated)
        #expect(tx.receive(request: Messages.retransmission(of: bye), now: at(10)) == [])
    }
}
