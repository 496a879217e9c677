/// The network side of one RTP stream (RFC 3550), run on the event loop: it decides which
/// received datagrams are played (symmetric RTP latching, sequence validation), keeps the
/// reception statistics, reads the peer's RTCP and writes ours on a randomized schedule.
/// Sans-IO: the runner passes `now` (a monotonic clock) and the NTP wall time, and sends the
/// bytes it gets back.
///
/// Our own numbering lives in `RTPSender` (it runs on the audio thread); the runner passes
/// its counts into `makeReport`.
public struct RTPSession<Address: Hashable & Sendable>: Sendable {
    /// Base reporting interval for a two-party call (RFC 3550 §6.2 minimum).
    public static var reportInterval: Duration { .seconds(5) }

    public let localSSRC: UInt32
    public let cname: String
    public let clock: RTPClockRate
    /// Where the next report is due; the runner wakes then and calls `makeReport`.
    public private(set) var nextReportDeadline: Duration
    /// Where RTCP last came from with something about this stream: where to send ours when
    /// the SDP's RTCP address is unreachable (symmetric RTCP).
    public private(set) var rtcpSource: Address?

    private var latch: RTPSourceLatch<Address>
    private var reception: RTPReceiveStatistics
    private var random: any RandomNumberGenerator & Sendable
    private var ignored = RTPIgnoredPackets()
    private var malformedRTCP = 0
    private var lastSenderReport: (ssrc: UInt32, middle32: UInt32, arrival: Duration)?
    private var latestPeerReport: RTCPPeerReport?
    private var roundTrip: Duration?
    private var sentPacketsAtLastReport: UInt32 = 0

    /// `random` is kept for the report schedule (RFC 3550 §6.3 randomizes it so participants
    /// do not synchronize). `now` starts the schedule: the first report is due after half
    /// the interval, randomized. `latchTimeout` is how long the latched source may be silent
    /// before another may take over.
    public init(
        localSSRC: UInt32,
        cname: String,
        clockRate: Int,
        expectedSource: Address?,
        random: some RandomNumberGenerator & Sendable,
        now: Duration = .zero,
        latchTimeout: Duration = .seconds(2)
    ) {
        self.localSSRC = localSSRC
        self.cname = cname
        self.clock = RTPClockRate(clockRate)
        self.latch = RTPSourceLatch(expected: expectedSource, silenceTimeout: latchTimeout)
        self.reception = RTPReceiveStatistics(clockRate: clock)
        self.random = random
        self.nextReportDeadline = now
        nextReportDeadline = now + randomizedInterval(Self.reportInterval / 2)
    }

    /// The address the SDP names for the peer's media.
    public var expectedSource: Address? { latch.expected }

    /// A re-INVITE moved the peer's media: learn the source again, preferring `address`.
    public mutating func expect(_ address: Address) {
        latch.expect(address)
    }

    // MARK: - RTP

    /// Decides whether one datagram from `source` is played. Every refusal is counted.
    public mutating func receiveRTP(_ bytes: UnsafeRawBufferPointer, from source: Address, now: Duration) -> RTPReceiveVerdict {
        guard RTPPacketKind.classify(bytes) == .rtp, let (header, payload) = RTPHeader.parse(bytes) else {
            return ignore(.notRTP)
        }
        switch latch.admit(from: source, ssrc: header.ssrc, sequenceNumber: header.sequenceNumber,
                           timestamp: header.timestamp, now: now) {
        case .rejected(let reason):
            return ignore(reason)
        case .latchedNow(let previous?):
            // The packet that proved the source was refused as unproven; let the statistics
            // see it so this one completes probation.
            _ = reception.record(ssrc: previous.ssrc, sequenceNumber: previous.sequenceNumber,
                                 timestamp: previous.timestamp, arrival: previous.arrival)
        case .latchedNow(nil), .latched:
            break
        }
        switch reception.record(ssrc: header.ssrc, sequenceNumber: header.sequenceNumber,
                                timestamp: header.timestamp, arrival: now) {
        case .accepted: return .accepted(header, payload: payload)
        case .probation: return ignore(.probation)
        case .duplicate: return ignore(.duplicate)
        case .sequenceJump: return ignore(.sequenceJump)
        }
    }

    private mutating func ignore(_ reason: RTPIgnoreReason) -> RTPReceiveVerdict {
        ignored[reason] += 1
        return .ignored(reason)
    }

    // MARK: - RTCP in

    /// Reads one RTCP compound. `ntp` is the wall time of arrival, for the round trip.
    /// Reports about other SSRCs and a malformed compound yield nothing (the latter is counted).
    public mutating func receiveRTCP(_ bytes: UnsafeRawBufferPointer, from source: Address, now: Duration, ntp: NTPTimestamp) -> [RTCPEvent] {
        let packets: [RTCPPacket]
        do {
            packets = try RTCPPacket.parseCompound(bytes)
        } catch {
            malformedRTCP += 1
            return []
        }
        var events: [RTCPEvent] = []
        var relevant = false
        for packet in packets {
            switch packet {
            case .senderReport(let report):
                if isRemote(report.ssrc) {
                    relevant = true
                    lastSenderReport = (report.ssrc, report.ntpTimestamp.middle32, now)
                    events.append(.senderReport(ssrc: report.ssrc, ntpTimestamp: report.ntpTimestamp,
                                                rtpTimestamp: report.rtpTimestamp, packetCount: report.packetCount,
                                                octetCount: report.octetCount))
                }
                relevant = readBlocks(report.reports, from: report.ssrc, ntp: ntp, into: &events) || relevant
            case .receiverReport(let report):
                relevant = readBlocks(report.reports, from: report.ssrc, ntp: ntp, into: &events) || relevant
            case .sourceDescription:
                break
            case .bye(let bye):
                if bye.sources.contains(where: isRemote) {
                    relevant = true
                    events.append(.bye(sources: bye.sources, reason: bye.reason))
                }
            }
        }
        if relevant { rtcpSource = source }
        return events
    }

    /// The SSRC we measure, or any SSRC while we measure none yet (RTCP may come first).
    private func isRemote(_ ssrc: UInt32) -> Bool {
        reception.ssrc.map { $0 == ssrc } ?? true
    }

    private mutating func readBlocks(_ blocks: [RTCPReportBlock], from reporter: UInt32, ntp: NTPTimestamp, into events: inout [RTCPEvent]) -> Bool {
        var found = false
        for block in blocks where block.ssrc == localSSRC {
            found = true
            let rtt = Self.roundTrip(arrival: ntp, lastSenderReport: block.lastSenderReport,
                                     delaySinceLastSenderReport: block.delaySinceLastSenderReport)
            if let rtt { roundTrip = rtt }
            let report = RTCPPeerReport(reporterSSRC: reporter, fractionLost: block.fractionLost,
                                        cumulativeLost: block.cumulativeLost,
                                        extendedHighestSequence: block.extendedHighestSequence,
                                        jitter: block.jitter, roundTrip: rtt)
            latestPeerReport = report
            events.append(.peerReport(report))
        }
        return found
    }

    /// RFC 3550 §6.4.1: arrival − LSR − DLSR, in 1/65536 s. Nil when LSR is 0 (the peer has
    /// no SR of ours), or when DLSR exceeds the time since our SR (clock trouble), or when the
    /// result is beyond half the 32-bit range (nonsense or a stale echo).
    public static func roundTrip(arrival: NTPTimestamp, lastSenderReport: UInt32, delaySinceLastSenderReport: UInt32) -> Duration? {
        guard lastSenderReport != 0 else { return nil }
        let sinceReport = arrival.middle32 &- lastSenderReport
        guard sinceReport < 1 << 31, delaySinceLastSenderReport <= sinceReport else { return nil }
        return Self.duration(ofShortUnits: sinceReport - delaySinceLastSenderReport)
    }

    // MARK: - RTCP out

    /// Builds our report and schedules the next one (5 s × 0.5…1.5, RFC 3550 §6.3): an SR when
    /// `sentPackets` grew since the last report, else an RR; a report block for the source we
    /// receive once it is valid; our SDES CNAME. `rtpTimestamp` is our stream's RTP time at `ntp`.
    public mutating func makeReport(now: Duration, ntp: NTPTimestamp, rtpTimestamp: UInt32, sentPackets: UInt32, sentOctets: UInt32) -> [UInt8] {
        let blocks = reportBlock(now: now).map { [$0] } ?? []
        let head: RTCPPacket
        if sentPackets != sentPacketsAtLastReport {
            head = .senderReport(RTCPSenderReport(ssrc: localSSRC, ntpTimestamp: ntp, rtpTimestamp: rtpTimestamp,
                                                  packetCount: sentPackets, octetCount: sentOctets, reports: blocks))
        } else {
            head = .receiverReport(RTCPReceiverReport(ssrc: localSSRC, reports: blocks))
        }
        sentPacketsAtLastReport = sentPackets
        nextReportDeadline = now + randomizedInterval(Self.reportInterval)
        return RTCPPacket.writeCompound([head, sourceDescription])
    }

    /// The compound that ends our participation: an empty RR, our CNAME, and a BYE (RFC 3550
    /// §6.1 wants every compound to start with a report).
    public func makeBye(reason: String?) -> [UInt8] {
        RTCPPacket.writeCompound([
            .receiverReport(RTCPReceiverReport(ssrc: localSSRC)),
            sourceDescription,
            .bye(RTCPBye(sources: [localSSRC], reason: reason)),
        ])
    }

    private var sourceDescription: RTCPPacket {
        .sourceDescription(RTCPSourceDescription(chunks: [.init(ssrc: localSSRC, cname: cname)]))
    }

    private mutating func reportBlock(now: Duration) -> RTCPReportBlock? {
        guard reception.isValid, let ssrc = reception.ssrc else { return nil }
        var lastReport: UInt32 = 0
        var delay: UInt32 = 0
        if let sr = lastSenderReport, sr.ssrc == ssrc {
            lastReport = sr.middle32
            delay = Self.shortUnits(in: now - sr.arrival)
        }
        let lost = Int32(clamping: reception.cumulativeLost)
        return RTCPReportBlock(
            ssrc: ssrc,
            fractionLost: reception.closeInterval(),
            cumulativeLost: lost,
            extendedHighestSequence: reception.extendedHighestSequence,
            jitter: reception.reportedJitter,
            lastSenderReport: lastReport,
            delaySinceLastSenderReport: delay
        )
    }

    private mutating func randomizedInterval(_ base: Duration) -> Duration {
        // 0.5…1.5 from the top 11 bits of one draw: `Int.random(in:using:)` rejects and draws
        // again, which never ends with a constant test generator.
        let draw = Int(random.next() >> 53)
        return base * (500 + draw * 1000 / 2047) / 1000
    }

    /// Whole 1/65536 s units in `duration` (DLSR), clamped to the field.
    static func shortUnits(in duration: Duration) -> UInt32 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0, attoseconds >= 0 else { return 0 }
        let units = seconds.multipliedReportingOverflow(by: 65536)
        guard !units.overflow else { return .max }
        return UInt32(clamping: units.partialValue + (attoseconds / 1_000_000_000) * 65536 / 1_000_000_000)
    }

    static func duration(ofShortUnits units: UInt32) -> Duration {
        .seconds(Int64(units >> 16)) + .nanoseconds(Int64(units & 0xFFFF) * 1_000_000_000 / 65536)
    }

    // MARK: - Statistics

    /// The stream's health right now.
    public var statistics: RTPStreamStatistics<Address> {
        var stats = RTPStreamStatistics<Address>()
        stats.latchedSource = latch.source
        stats.remoteSSRC = reception.ssrc
        stats.receivedPackets = reception.totalReceived
        stats.lostPackets = reception.totalLost
        stats.duplicatePackets = reception.totalDuplicates
        let expected = reception.totalExpected
        stats.lossPercent = expected > 0 ? Double(reception.totalLost) * 100 / Double(expected) : 0
        stats.jitterMilliseconds = reception.jitterMilliseconds
        stats.roundTripMilliseconds = roundTrip.map(Self.milliseconds)
        if let report = latestPeerReport {
            stats.peerLossPercent = report.lossPercent
            stats.peerCumulativeLost = Int(report.cumulativeLost)
            stats.peerJitterMilliseconds = clock.milliseconds(ofTicks: Double(report.jitter))
        }
        stats.ignored = ignored
        stats.malformedRTCPPackets = malformedRTCP
        return stats
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
