import Testing
@testable import Media

@Suite struct RTPSessionLatchingTests {
    static func session(expecting expected: RTPTestPeer? = .sdp) -> RTPSession<RTPTestPeer> {
        RTPSession(localSSRC: 0x1111, cname: "me@dialtone", clockRate: 8000, expectedSource: expected,
                   random: RTPSeededRandom(seed: 1))
    }

    @Test func theSDPSourceLatchesOnItsFirstPacket() {
        var session = Self.session()
        let stream = RTPTestStream(ssrc: 0xAAAA, firstSequence: 100)
        #expect(session.receive(stream.packet(0), from: .sdp, at: RTPTestStream.time(0)) == .ignored(.probation))
        #expect(session.statistics.latchedSource == .sdp)
        let verdict = session.receive(stream.packet(1), from: .sdp, at: RTPTestStream.time(1))
        #expect(verdict == .accepted(RTPHeader(payloadType: 0, sequenceNumber: 101, timestamp: 160, ssrc: 0xAAAA),
                                     payload: 12..<172))
        // Another source now is bleed, even one that proves itself with packets in sequence.
        let other = RTPTestStream(ssrc: 0xBBBB)
        #expect(session.receive(other.packet(0), from: .nat, at: RTPTestStream.time(2)) == .ignored(.otherSource))
        #expect(session.receive(other.packet(1), from: .nat, at: RTPTestStream.time(3)) == .ignored(.otherSource))
        #expect(session.statistics.latchedSource == .sdp)
        #expect(session.statistics.ignored.otherSource == 2)
        #expect(session.statistics.ignored.probation == 1)
    }

    @Test func aNATedSourceLatchesAfterTwoPacketsInSequence() {
        var session = Self.session()
        let stream = RTPTestStream(ssrc: 0xAAAA, firstSequence: 100)
        #expect(session.receive(stream.packet(0), from: .nat, at: RTPTestStream.time(0)) == .ignored(.unproven))
        #expect(session.statistics.latchedSource == nil)
        #expect(session.receive(stream.packet(1), from: .nat, at: RTPTestStream.time(1)).isAccepted)
        #expect(session.statistics.latchedSource == .nat)
        #expect(session.statistics.receivedPackets == 1)
        #expect(session.statistics.lostPackets == 0)
        // The SDP's address, late, does not take the stream away from an active source.
        let late = RTPTestStream(ssrc: 0xCCCC)
        #expect(session.receive(late.packet(0), from: .sdp, at: RTPTestStream.time(2)) == .ignored(.otherSource))
        #expect(session.receive(stream.packet(2), from: .nat, at: RTPTestStream.time(2)).isAccepted)
    }

    @Test func candidatesMustBeInSequenceWithOneSSRC() {
        var session = Self.session()
        let stream = RTPTestStream(ssrc: 0xAAAA)
        #expect(session.receive(stream.packet(0), from: .nat, at: RTPTestStream.time(0)) == .ignored(.unproven))
        #expect(session.receive(stream.packet(2), from: .nat, at: RTPTestStream.time(2)) == .ignored(.unproven))
        let changed = RTPTestStream(ssrc: 0xBBBB)
        #expect(session.receive(changed.packet(3), from: .nat, at: RTPTestStream.time(3)) == .ignored(.unproven))
        #expect(session.receive(changed.packet(4), from: .nat, at: RTPTestStream.time(4)).isAccepted)
        #expect(session.statistics.remoteSSRC == 0xBBBB)
        #expect(session.statistics.ignored.unproven == 3)
    }

    @Test func interleavedStrangersDoNotBlockTheNATedPeer() {
        var session = Self.session()
        let peer = RTPTestStream(ssrc: 0xAAAA)
        let stranger = RTPTestStream(ssrc: 0xBBBB, firstSequence: 500)
        #expect(session.receive(peer.packet(0), from: .nat, at: RTPTestStream.time(0)) == .ignored(.unproven))
        #expect(session.receive(stranger.packet(0), from: .third, at: RTPTestStream.time(0)) == .ignored(.unproven))
        #expect(session.receive(peer.packet(1), from: .nat, at: RTPTestStream.time(1)).isAccepted)
        #expect(session.receive(stranger.packet(1), from: .third, at: RTPTestStream.time(1)) == .ignored(.otherSource))
        #expect(session.statistics.latchedSource == .nat)
    }

    @Test func noBleedFromAThirdSourceAfterLatching() {
        var session = Self.session()
        let peer = RTPTestStream(ssrc: 0xAAAA)
        let intruder = RTPTestStream(ssrc: 0xBBBB, firstSequence: 40000)
        var played = 0
        for index in 0..<50 {
            if session.receive(peer.packet(index), from: .sdp, at: RTPTestStream.time(index)).isAccepted { played += 1 }
            #expect(session.receive(intruder.packet(index), from: .third, at: RTPTestStream.time(index) + .milliseconds(5))
                    == .ignored(.otherSource))
        }
        let stats = session.statistics
        #expect(played == 49)
        #expect(stats.ignored.otherSource == 50)
        #expect(stats.remoteSSRC == 0xAAAA)
        #expect(stats.receivedPackets == 49)
        #expect(stats.lostPackets == 0)
        #expect(stats.jitterMilliseconds == 0)
    }

    @Test func anotherSourceTakesOverAfterTwoSecondsOfSilence() {
        var session = Self.session()
        let peer = RTPTestStream(ssrc: 0xAAAA)
        for index in 0...50 { _ = session.receive(peer.packet(index), from: .sdp, at: RTPTestStream.time(index)) }
        // The peer's last packet came at 1.0 s.
        let newcomer = RTPTestStream(ssrc: 0xBBBB)
        #expect(session.receive(newcomer.packet(0), from: .third, at: .milliseconds(2900)) == .ignored(.otherSource))
        #expect(session.receive(newcomer.packet(1), from: .third, at: .milliseconds(3000)) == .ignored(.otherSource))
        #expect(session.receive(newcomer.packet(2), from: .third, at: .milliseconds(3020)) == .ignored(.unproven))
        #expect(session.statistics.latchedSource == nil)
        #expect(session.receive(newcomer.packet(3), from: .third, at: .milliseconds(3040)).isAccepted)
        #expect(session.statistics.latchedSource == .third)
        #expect(session.statistics.remoteSSRC == 0xBBBB)
        // Now the old source is the stranger.
        #expect(session.receive(peer.packet(51), from: .sdp, at: .milliseconds(3060)) == .ignored(.otherSource))
    }

    @Test func reInviteMovesTheStream() {
        var session = Self.session()
        let old = RTPTestStream(ssrc: 0xAAAA)
        for index in 0...10 { _ = session.receive(old.packet(index), from: .sdp, at: RTPTestStream.time(index)) }
        session.expect(.moved)
        #expect(session.expectedSource == .moved)
        #expect(session.statistics.latchedSource == nil)
        // Packets still in flight from the old address cannot grab the stream back.
        #expect(session.receive(old.packet(11), from: .sdp, at: RTPTestStream.time(11)) == .ignored(.otherSource))
        #expect(session.receive(old.packet(12), from: .sdp, at: RTPTestStream.time(12)) == .ignored(.otherSource))
        let moved = RTPTestStream(ssrc: 0xCCCC)
        #expect(session.receive(moved.packet(13), from: .moved, at: RTPTestStream.time(13)) == .ignored(.probation))
        #expect(session.receive(moved.packet(14), from: .moved, at: RTPTestStream.time(14)).isAccepted)
        #expect(session.statistics.latchedSource == .moved)
        #expect(session.statistics.remoteSSRC == 0xCCCC)
        #expect(session.statistics.receivedPackets == 10 + 1)
    }

    @Test func afterReInviteTheOldSourceReturnsOnlyAfterTwoSecondsAlone() {
        var session = Self.session()
        let peer = RTPTestStream(ssrc: 0xAAAA)
        for index in 0...50 { _ = session.receive(peer.packet(index), from: .sdp, at: RTPTestStream.time(index)) }
        session.expect(.moved)  // but the peer keeps sending from where it was
        for index in 51...151 {
            #expect(session.receive(peer.packet(index), from: .sdp, at: RTPTestStream.time(index)) == .ignored(.otherSource))
        }
        #expect(session.receive(peer.packet(152), from: .sdp, at: RTPTestStream.time(152)) == .ignored(.unproven))
        #expect(session.receive(peer.packet(153), from: .sdp, at: RTPTestStream.time(153)).isAccepted)
        let stats = session.statistics
        #expect(stats.latchedSource == .sdp)
        // Same SSRC, so the statistics go on: the 101 refused packets count as lost.
        #expect(stats.lostPackets == 101)
        #expect(stats.receivedPackets == 50 + 2)
    }

    @Test func expectingTheSameAddressChangesNothing() {
        var session = Self.session()
        let peer = RTPTestStream(ssrc: 0xAAAA)
        for index in 0...3 { _ = session.receive(peer.packet(index), from: .sdp, at: RTPTestStream.time(index)) }
        session.expect(.sdp)
        #expect(session.statistics.latchedSource == .sdp)
        #expect(session.receive(peer.packet(4), from: .sdp, at: RTPTestStream.time(4)).isAccepted)
    }

    @Test func ssrcChangeFromTheLatchedSourceRestartsStatistics() {
        var session = Self.session()
        let first = RTPTestStream(ssrc: 0xAAAA)
        for index in [0, 1, 2, 4] { _ = session.receive(first.packet(index), from: .sdp, at: RTPTestStream.time(index)) }
        #expect(session.statistics.lostPackets == 1)
        let second = RTPTestStream(ssrc: 0xDDDD, firstSequence: 9000)
        #expect(session.receive(second.packet(5), from: .sdp, at: RTPTestStream.time(5)) == .ignored(.probation))
        #expect(session.receive(second.packet(6), from: .sdp, at: RTPTestStream.time(6)).isAccepted)
        let stats = session.statistics
        #expect(stats.remoteSSRC == 0xDDDD)
        #expect(stats.latchedSource == .sdp)
        #expect(stats.receivedPackets == 3 + 1)
        #expect(stats.lostPackets == 1)
        #expect(stats.lossPercent == 20)  // 1 of 5 expected over the call
    }

    @Test func duplicatesAndNonRTPAreIgnoredAndCounted() {
        var session = Self.session()
        let peer = RTPTestStream(ssrc: 0xAAAA)
        for index in 0...2 { _ = session.receive(peer.packet(index), from: .sdp, at: RTPTestStream.time(index)) }
        #expect(session.receive(peer.packet(2), from: .sdp, at: RTPTestStream.time(3)) == .ignored(.duplicate))
        let sr = RTCPPacket.writeCompound([.receiverReport(RTCPReceiverReport(ssrc: 0xAAAA))])
        #expect(session.receive(sr, from: .sdp, at: RTPTestStream.time(3)) == .ignored(.notRTP))
        #expect(session.receive([0x00, 0x01, 0x00, 0x00], from: .sdp, at: RTPTestStream.time(3)) == .ignored(.notRTP))
        let stats = session.statistics
        #expect(stats.ignored.duplicate == 1)
        #expect(stats.ignored.notRTP == 2)
        #expect(stats.ignored.total == 4)  // with the first packet's probation
        #expect(stats.duplicatePackets == 1)
    }
}
