import SIPCore
import SIPTransaction
import Testing

/// RFC 3261 §17.1.2 (figure 6), on a fake clock.
@Suite struct ClientNonInviteTransactionTests {
    let bye = Messages.bye

    func started(_ reliability: SIPTransportReliability = .unreliable, at start: SIPInstant = .origin) -> SIPClientNonInviteTransaction {
        var tx = SIPClientNonInviteTransaction(request: bye, reliability: reliability)
        _ = tx.start(now: start)
        return tx
    }

    @Test func startSendsTheRequestAndArmsTimersEAndF() {
        var tx = SIPClientNonInviteTransaction(request: bye, reliability: .unreliable)
        #expect(tx.state == .trying)
        #expect(tx.start(now: at(0)) == [.send(bye), .arm(.e, at: at(500)), .arm(.f, at: at(32_000))])
    }

    @Test func timerEDoublesUpToT2UntilTimerFGivesUp() {
        var tx = started()
        let firings = tx.runTimers()
        // 0.5, then intervals 1, 2, 4, 4, 4 … (capped at T2 = 4 s).
        #expect(firings.instants(of: .e) == seconds(0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5))
        #expect(firings.instants(of: .f) == seconds(32))
        #expect(firings[2].actions == [.send(bye), .arm(.e, at: at(7_500))])
        #expect(firings[3].actions == [.send(bye), .arm(.e, at: at(11_500))])
        #expect(firings.last?.actions == [.cancel(.e), .tell(.timedOut(.f)), .tell(.terminated)])
        #expect(tx.state == .terminated)
    }

    @Test func afterAProvisionalTimerEFiresEveryT2() {
        var tx = started()
        let trying = Messages.response(100, to: bye, toTag: nil)
        // A provisional at 0.7 s (after the first retransmission at 0.5 s) leaves E's
        // deadline where it was (1.5 s); from then on E runs every T2.
        _ = tx.timerFired(.e, now: at(500))
        #expect(tx.receive(response: trying, now: at(700)) == [.tell(.response(trying))])
        #expect(tx.state == .proceeding)
        #expect(tx.deadline(of: .e) == at(1_500))
        let firings = tx.runTimers()
        #expect(firings.instants(of: .e) == seconds(1.5, 5.5, 9.5, 13.5, 17.5, 21.5, 25.5, 29.5))
        #expect(firings.instants(of: .f) == seconds(32))
        #expect(firings.last?.actions == [.cancel(.e), .tell(.timedOut(.f)), .tell(.terminated)])
    }

    @Test func provisionalBeforeAnyRetransmission() {
        var tx = started()
        _ = tx.receive(response: Messages.response(100, to: bye, toTag: nil), now: at(100))
        let firings = tx.runTimers(until: at(10_000))
        #expect(firings.instants(of: .e) == seconds(0.5, 4.5, 8.5))
    }

    @Test func finalResponseCompletesAndTimerKAbsorbsRetransmissions() {
        var tx = started()
        _ = tx.timerFired(.e, now: at(500))
        let ok = Messages.response(200, to: bye, toTag: nil)
        #expect(tx.receive(response: ok, now: at(800)) == [.cancel(.e), .cancel(.f), .arm(.k, at: at(5_800)), .tell(.response(ok))])
        #expect(tx.state == .completed)
        #expect(tx.receive(response: Messages.retransmission(of: ok), now: at(1_300)) == [])
        let firings = tx.runTimers()
        #expect(firings.map(\.timer) == [.k])
        #expect(firings[0].at == at(5_800))
        #expect(firings[0].actions == [.tell(.terminated)])
        #expect(tx.state == .terminated)
    }

    @Test func finalResponseInProceeding() {
        var tx = started()
        _ = tx.receive(response: Messages.response(100, to: bye, toTag: nil), now: at(100))
        let notFound = Messages.response(481, to: bye, toTag: nil)
        #expect(tx.receive(response: notFound, now: at(2_000)) == [.cancel(.e), .cancel(.f), .arm(.k, at: at(7_000)), .tell(.response(notFound))])
    }

    @Test func reliableTransportArmsNoTimerEAndTimerKIsZero() {
        var tx = SIPClientNonInviteTransaction(request: bye, reliability: .reliable)
        #expect(tx.start(now: at(0)) == [.send(bye), .arm(.f, at: at(32_000))])
        let ok = Messages.response(200, to: bye, toTag: nil)
        #expect(tx.receive(response: ok, now: at(40)) == [.cancel(.f), .arm(.k, at: at(40)), .tell(.response(ok))])
        #expect(tx.timerFired(.k, now: at(40)) == [.tell(.terminated)])
    }

    @Test func reliableTimeoutIsTimerFAlone() {
        var tx = started(.reliable)
        let firings = tx.runTimers()
        #expect(firings.map(\.timer) == [.f])
        #expect(firings[0].at == at(32_000))
    }

    @Test func transportErrorTellsTheTUAndTerminates() {
        var tx = started()
        #expect(tx.transportError() == [.cancel(.e), .cancel(.f), .tell(.transportError), .tell(.terminated)])
        #expect(tx.state == .terminated)
        #expect(tx.receive(response: Messages.response(200, to: bye), now: at(10)) == [])
    }
}
