import Testing
@testable import Media

@Suite struct RTPSessionReportTests {
    static let local: UInt32 = 0x1111
    static let remote: UInt32 = 0xAAAA

    static func session(random: some RandomNumberGenerator & Sendable = RTPSeededRandom(seed: 3),
                        now: Duration = .zero) -> RTPSession<RTPTestPeer> {
        RTPSession(localSSRC: local, cname: "me@dialtone", clockRate: 8000, expectedSource: .sdp,
                   random: random, now: now)
    }

    /// A session that has received remote packets 0…count−1 except `missing`.
    static func receiving(_ count: Int, missing: Set<Int> = []) -> RTPSession<RTPTestPeer> {
        var session = Self.session()
        let stream = RTPTestStream(ssrc: remote)
        for index in 0..<count where !missing.contains(index) {
            _ = session.receive(stream.packet(index), from: .sdp, at: RTPTestStream.time(index))
        }
        return session
    }

    static func block(lsr: UInt32, dlsr: UInt32, ssrc: UInt32 = local) -> RTCPReportBlock {
        RTCPReportBlock(ssrc: ssrc, fractionLost: 64, cumulativeLost: 12, extendedHighestSequence: 0x0001_0010,
                        jitter: 80, lastSenderReport: lsr, delaySinceLastSenderReport: dlsr)
    }

    @Test func roundTripFromTheRFCExample() {
        // RFC 3550 §6.4.1: A = 0xb710:8000, LSR = 0xb705:2000, DLSR = 0x0005:4000 → 0x0006:2000 = 6.125 s.
        let arrival = NTPTimestamp(seconds: 0xB710, fraction: 0x8000_0000)
        #expect(RTPSession<RTPTestPeer>.roundTrip(arrival: arrival, lastSenderReport: 0xB705_2000,
                                                  delaySinceLastSenderReport: 0x0005_4000) == .milliseconds(6125))
        #expect(RTPSession<RTPTestPeer>.roundTrip(arrival: arrival, lastSenderReport: 0,
                                                  delaySinceLastSenderReport: 0) == nil)
        // A DLSR longer than the time since our SR cannot be right.
        #expect(RTPSession<RTPTestPeer>.roundTrip(arrival: arrival, lastSenderReport: 0xB705_2000,
                                                  delaySinceLastSenderReport: 0x000C_0000) == nil)
    }

    @Test func peerReportGivesRoundTripLossAndJitter() {
        var session = Self.session()
        let bytes = RTCPPacket.writeCompound([
            .receiverReport(RTCPReceiverReport(ssrc: Self.remote, reports: [Self.block(lsr: 0xB705_2000, dlsr: 0x0005_4000)])),
            .sourceDescription(RTCPSourceDescription(chunks: [.init(ssrc: Self.remote, cname: "peer@pbx")])),
        ])
        let events = session.receiveControl(bytes, from: .sdp, at: .seconds(10),
                                            ntp: NTPTimestamp(seconds: 0xB710, fraction: 0x8000_0000))
        #expect(events == [.peerReport(RTCPPeerReport(reporterSSRC: Self.remote, fractionLost: 64, cumulativeLost: 12,
                                                      extendedHighestSequence: 0x0001_0010, jitter: 80,
                                                      roundTrip: .milliseconds(6125)))])
        let stats = session.statistics
        #expect(stats.roundTripMilliseconds == 6125)
        #expect(stats.peerLossPercent == 25)
        #expect(stats.peerCumulativeLost == 12)
        #expect(stats.peerJitterMilliseconds == 10)
        #expect(session.rtcpSource == .sdp)
    }

    @Test func reportsAboutOtherSourcesAreNotOurs() {
        var session = Self.session()
        let bytes = RTCPPacket.writeCompound([
            .receiverReport(RTCPReceiverReport(ssrc: Self.remote, reports: [Self.block(lsr: 1, dlsr: 1, ssrc: 0x9999)])),
        ])
        #expect(session.receiveControl(bytes, from: .third, at: .seconds(1), ntp: NTPTimestamp(0)).isEmpty)
        #expect(session.statistics.roundTripMilliseconds == nil)
        #expect(session.statistics.peerLossPercent == nil)
        #expect(session.rtcpSource == nil)
    }

    @Test func malformedRTCPIsCounted() {
        var session = Self.session()
        #expect(session.receiveControl([0x81, 0xC9, 0x00, 0x01, 0, 0, 0, 1], from: .sdp, at: .zero, ntp: NTPTimestamp(0)).isEmpty)
        #expect(session.statistics.malformedRTCPPackets == 1)
    }

    @Test func receiverReportCarriesLossJitterAndLSRDLSR() throws {
        var session = Self.receiving(12, missing: [5, 9])
        let theirTime = NTPTimestamp(seconds: 0xE93A_2B1C, fraction: 0x4000_0000)
        let sr = RTCPPacket.writeCompound([
            .senderReport(RTCPSenderReport(ssrc: Self.remote, ntpTimestamp: theirTime, rtpTimestamp: 1600,
                                           packetCount: 12, octetCount: 1920)),
        ])
        let events = session.receiveControl(sr, from: .sdp, at: .seconds(10), ntp: NTPTimestamp(0))
        #expect(events == [.senderReport(ssrc: Self.remote, ntpTimestamp: theirTime, rtpTimestamp: 1600,
                                         packetCount: 12, octetCount: 1920)])

        let bytes = session.makeReport(now: .milliseconds(11_500), ntp: NTPTimestamp(0), rtpTimestamp: 0,
                                       sentPackets: 0, sentOctets: 0)
        let packets = try RTCPPacket.parseCompound(bytes)
        // Packets 1…11 expected after probation, 9 received: (2 << 8) / 11 = 46.
        let expectedBlock = RTCPReportBlock(ssrc: Self.remote, fractionLost: 46, cumulativeLost: 2,
                                            extendedHighestSequence: 11, jitter: 0,
                                            lastSenderReport: theirTime.middle32,
                                            delaySinceLastSenderReport: 98_304)  // 1.5 s × 65536
        #expect(packets == [
            .receiverReport(RTCPReceiverReport(ssrc: Self.local, reports: [expectedBlock])),
            .sourceDescription(RTCPSourceDescription(chunks: [.init(ssrc: Self.local, cname: "me@dialtone")])),
        ])
        #expect(session.statistics.lostPackets == 2)
    }

    @Test func senderReportWhenWeSentSinceTheLastReport() throws {
        var session = Self.session()
        let ntp = NTPTimestamp(seconds: 100, fraction: 5)
        let first = try RTCPPacket.parseCompound(session.makeReport(now: .seconds(3), ntp: ntp, rtpTimestamp: 24_000,
                                                                    sentPackets: 150, sentOctets: 24_000))
        #expect(first.first == .senderReport(RTCPSenderReport(ssrc: Self.local, ntpTimestamp: ntp, rtpTimestamp: 24_000,
                                                               packetCount: 150, octetCount: 24_000)))
        let second = try RTCPPacket.parseCompound(session.makeReport(now: .seconds(8), ntp: ntp, rtpTimestamp: 64_000,
                                                                     sentPackets: 150, sentOctets: 24_000))
        #expect(second.first == .receiverReport(RTCPReceiverReport(ssrc: Self.local)))
    }

    @Test func byeCompoundIsReportThenCNAMEThenBye() throws {
        let session = Self.receiving(5)
        let packets = try RTCPPacket.parseCompound(session.makeBye(reason: "hung up"))
        #expect(packets == [
            .receiverReport(RTCPReceiverReport(ssrc: Self.local)),
            .sourceDescription(RTCPSourceDescription(chunks: [.init(ssrc: Self.local, cname: "me@dialtone")])),
            .bye(RTCPBye(sources: [Self.local], reason: "hung up")),
        ])
    }

    @Test func byeFromThePeerIsReported() {
        var session = Self.receiving(5)
        let bye = RTCPPacket.writeCompound([.receiverReport(RTCPReceiverReport(ssrc: Self.remote)),
                                            .bye(RTCPBye(sources: [Self.remote], reason: "done"))])
        #expect(session.receiveControl(bye, from: .sdp, at: .seconds(1), ntp: NTPTimestamp(0))
                == [.bye(sources: [Self.remote], reason: "done")])
        let stranger = RTCPPacket.writeCompound([.bye(RTCPBye(sources: [0x7777]))])
        #expect(session.receiveControl(stranger, from: .third, at: .seconds(1), ntp: NTPTimestamp(0)).isEmpty)
    }

    @Test func reportIntervalIsRandomizedWithinBounds() {
        var low = Self.session(random: RTPConstantRandom(value: 0), now: .seconds(100))
        #expect(low.nextReportDeadline == .seconds(100) + .milliseconds(1250))
        _ = low.makeReport(now: .seconds(102), ntp: NTPTimestamp(0), rtpTimestamp: 0, sentPackets: 0, sentOctets: 0)
        #expect(low.nextReportDeadline == .seconds(102) + .milliseconds(2500))

        var high = Self.session(random: RTPConstantRandom(value: .max), now: .seconds(100))
        #expect(high.nextReportDeadline == .seconds(100) + .milliseconds(3750))
        _ = high.makeReport(now: .seconds(102), ntp: NTPTimestamp(0), rtpTimestamp: 0, sentPackets: 0, sentOctets: 0)
        #expect(high.nextReportDeadline == .seconds(102) + .milliseconds(7500))

        var session = Self.session(random: RTPSeededRandom(seed: 42))
        #expect(session.nextReportDeadline >= .milliseconds(1250) && session.nextReportDeadline <= .milliseconds(3750))
        var now = session.nextReportDeadline
        var intervals: [Duration] = []
        for _ in 0..<500 {
            _ = session.makeReport(now: now, ntp: NTPTimestamp(0), rtpTimestamp: 0, sentPackets: 0, sentOctets: 0)
            intervals.append(session.nextReportDeadline - now)
            now = session.nextReportDeadline
        }
        #expect(intervals.allSatisfy { $0 >= .milliseconds(2500) && $0 <= .milliseconds(7500) })
        // Spread over the range, not stuck at one value.
        #expect(intervals.min()! < .milliseconds(3000))
        #expect(intervals.max()! > .milliseconds(7000))
    }
}
