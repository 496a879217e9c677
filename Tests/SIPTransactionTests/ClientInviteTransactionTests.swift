import SIPCore
import SIPTransaction
import Testing

/// RFC 3261 §17.1.1 (figure 5) and RFC 6026 §7.2, on a fake clock.
@Suite struct ClientInviteTransactionTests {
    let invite = Messages.invite

    func started(_ reliability: SIPTransportReliability = .unreliable, at start: SIPInstant = .origin,
                 timerValues: SIPTimerValues = SIPTimerValues()) -> SIPClientInviteTransaction {
        var tx = SIPClientInviteTransaction(request: invite, reliability: reliability, timerValues: timerValues)
        _ = tx.start(now: start)
        return tx
    }

    @Test func startSendsTheInviteAndArmsTimersAAndB() {
        var tx = SIPClientInviteTransaction(request: invite, reliability: .unreliable)
        #expect(tx.state == .calling)
        #expect(tx.start(now: at(0)) == [.send(invite), .arm(.a, at: at(500)), .arm(.b, at: at(32_000))])
        #expect(tx.state == .calling)
    }

    @Test func timerADoublesWithoutCapUntilTimerBGivesUp() {
        var tx = started()
        let firings = tx.runTimers()
        // A: T1, 2·T1, 4·T1, … from the start: 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s.
        #expect(firings.instants(of: .a) == seconds(0.5, 1.5, 3.5, 7.5, 15.5, 31.5))
        #expect(firings.instants(of: .b) == seconds(32))
        // Each firing resends the INVITE and re-arms A with the doubled interval.
        #expect(firings[0].actions == [.send(invite), .arm(.a, at: at(1_500))])
        #expect(firings[4].actions == [.send(invite), .arm(.a, at: at(31_500))])
        #expect(firings[5].actions == [.send(invite), .arm(.a, at: at(63_500))])
        // B: the TU hears of the timeout (and synthesizes its 408).
        #expect(firings.last?.actions == [.cancel(.a), .tell(.timedOut(.b)), .tell(.terminated)])
        #expect(tx.state == .terminated)
    }

    @Test func timersFollowT1() {
        var tx = started(timerValues: SIPTimerValues(t1: .milliseconds(100)))
        let firings = tx.runTimers()
        #expect(firings.instants(of: .a) == seconds(0.1, 0.3, 0.7, 1.5, 3.1, 6.3))
        #expect(firings.instants(of: .b) == seconds(6.4))
    }

    @Test func reliableTransportArmsNoTimerA() {
        var tx = SIPClientInviteTransaction(request: invite, reliability: .reliable)
        #expect(tx.start(now: at(0)) == [.send(invite), .arm(.b, at: at(32_000))])
        let firings = tx.runTimers()
        #expect(firings.map(\.timer) == [.b])
        #expect(firings[0].actions == [.tell(.timedOut(.b)), .tell(.terminated)])
    }

    @Test func provisionalStopsRetransmissionsAndTheTimeout() {
        var tx = started()
        _ = tx.timerFired(.a, now: at(500))
        let ringing = Messages.response(180, to: invite)
        #expect(tx.receive(response: ringing, now: at(800)) == [.cancel(.a), .cancel(.b), .tell(.response(ringing))])
        #expect(tx.state == .proceeding)
        #expect(tx.armedTimers.isEmpty)
        // Figure 5: Proceeding has no timer; more provisionals go up.
        let progress = Messages.response(183, to: invite)
        #expect(tx.receive(response: progress, now: at(2_000)) == [.tell(.response(progress))])
        // A stale Timer A (fired by a runtime that lost the race with the cancel) does nothing.
        #expect(tx.timerFired(.a, now: at(1_500)) == [])
        #expect(tx.timerFired(.b, now: at(32_000)) == [])
        #expect(tx.state == .proceeding)
    }

    @Test func nonSuccessFinalInProceedingSendsTheACKAndWaitsOutTimerD() {
        var tx = started()
        _ = tx.receive(response: Messages.response(180, to: invite), now: at(300))
        let busy = Messages.response(486, to: invite)
        let ack = SIPMessage.ack(forNonSuccess: busy, to: invite)
        #expect(tx.receive(response: busy, now: at(5_000)) == [.send(ack), .arm(.d, at: at(37_000)), .tell(.response(busy))])
        #expect(tx.state == .completed)
        // Each retransmission of the final is answered with the ACK again, and not passed up.
        #expect(tx.receive(response: Messages.retransmission(of: busy), now: at(5_500)) == [.send(ack)])
        #expect(tx.receive(response: Messages.retransmission(of: busy), now: at(6_500)) == [.send(ack)])
        // Provisionals and 2xx that arrive now are absorbed.
        #expect(tx.receive(response: Messages.response(180, to: invite), now: at(7_000)) == [])
        #expect(tx.receive(response: Messages.response(200, to: invite), now: at(7_000)) == [])
        let firings = tx.runTimers()
        #expect(firings.map(\.timer) == [.d])
        #expect(firings[0].at == at(37_000))
        #expect(firings[0].actions == [.tell(.terminated)])
        #expect(tx.state == .terminated)
    }

    @Test func nonSuccessFinalInCallingCancelsAAndB() {
        var tx = started()
        let moved = Messages.response(302, to: invite)
        let ack = SIPMessage.ack(forNonSuccess: moved, to: invite)
        #expect(tx.receive(response: moved, now: at(200)) == [
            .cancel(.a), .cancel(.b), .send(ack), .arm(.d, at: at(32_200)), .tell(.response(moved)),
        ])
        #expect(tx.state == .completed)
    }

    @Test func timerDIsZeroOnReliableTransports() {
        var tx = started(.reliable)
        let busy = Messages.response(486, to: invite)
        let ack = SIPMessage.ack(forNonSuccess: busy, to: invite)
        #expect(tx.receive(response: busy, now: at(700)) == [.cancel(.b), .send(ack), .arm(.d, at: at(700)), .tell(.response(busy))])
        #expect(tx.timerFired(.d, now: at(700)) == [.tell(.terminated)])
        #expect(tx.state == .terminated)
    }

    @Test func timerDOutlastsTimerHWhenT1IsRaised() {
        var tx = started(timerValues: SIPTimerValues(t1: .seconds(1)))
        _ = tx.receive(response: Messages.response(486, to: invite), now: at(0))
        #expect(tx.deadline(of: .d) == at(64_000))
    }

    @Test func successMovesToAcceptedAndForwardsEvery2xxUntilTimerM() {
        var tx = started()
        let ok = Messages.response(200, to: invite)
        #expect(tx.receive(response: ok, now: at(1_000)) == [.cancel(.a), .cancel(.b), .arm(.m, at: at(33_000)), .tell(.response(ok))])
        #expect(tx.state == .accepted)
        // RFC 6026 §7.2: retransmissions and other forks' 2xx all go to the TU; the
        // transaction sends no ACK of its own.
        let again = Messages.retransmission(of: ok)
        #expect(tx.receive(response: again, now: at(1_500)) == [.tell(.response(again))])
        let otherFork = Messages.response(200, to: invite, toTag: "fork2")
        #expect(tx.receive(response: otherFork, now: at(2_000)) == [.tell(.response(otherFork))])
        // Anything but a 2xx is absorbed.
        #expect(tx.receive(response: Messages.response(180, to: invite), now: at(2_000)) == [])
        #expect(tx.receive(response: Messages.response(486, to: invite), now: at(2_000)) == [])
        let firings = tx.runTimers()
        #expect(firings.map(\.timer) == [.m])
        #expect(firings[0].at == at(33_000))
        #expect(firings[0].actions == [.tell(.terminated)])
        #expect(tx.receive(response: again, now: at(40_000)) == [])
    }

    @Test func successInProceeding() {
        var tx = started(.reliable)
        _ = tx.receive(response: Messages.response(100, to: invite, toTag: nil), now: at(100))
        let ok = Messages.response(200, to: invite)
        #expect(tx.receive(response: ok, now: at(9_000)) == [.arm(.m, at: at(41_000)), .tell(.response(ok))])
    }

    @Test func transportErrorInCallingTellsTheTUAndTerminates() {
        var tx = started()
        #expect(tx.transportError() == [.cancel(.a), .cancel(.b), .tell(.transportError), .tell(.terminated)])
        #expect(tx.state == .terminated)
        #expect(tx.transportError() == [])
    }

    @Test func transportErrorSendingTheACK() {
        var tx = started()
        _ = tx.receive(response: Messages.response(404, to: invite), now: at(100))
        #expect(tx.transportError() == [.cancel(.d), .tell(.transportError), .tell(.terminated)])
    }
}
