/// Symmetric RTP latching (RFC 4961; "no RTP bleed"): which remote address the stream
/// comes from, so that only one source is ever played.
///
/// - Learning: a valid packet from the SDP's address latches at once; any other address
///   latches only after two packets in sequence (same SSRC, sequence + 1): a NAT'd peer
///   whose SDP names a private address.
/// - Latched: other addresses are ignored, unless the latched one has been silent for more
///   than `silenceTimeout`; then the latch is dropped and learning starts over.
/// - `expect(_:)` (a re-INVITE moved the media): learning starts over, and the address we
///   were latched to may not latch again until it has gone `silenceTimeout` without the new
///   address showing up, so its last packets in flight cannot grab the stream back.
struct RTPSourceLatch<Address: Hashable & Sendable>: Sendable {
    /// The packet before the one that latched a NAT'd source, so statistics can see both.
    struct CandidatePacket: Hashable, Sendable {
        var ssrc: UInt32
        var sequenceNumber: UInt16
        var timestamp: UInt32
        var arrival: Duration
    }

    enum Decision: Hashable, Sendable {
        /// From the latched source.
        case latched
        /// This packet latched its source; `previous` is the earlier packet that proved it.
        case latchedNow(previous: CandidatePacket?)
        case rejected(RTPIgnoreReason)
    }

    /// Candidates remembered at once while learning; the stalest is forgotten beyond this.
    static var maximumCandidates: Int { 8 }

    let silenceTimeout: Duration
    private(set) var expected: Address?
    private(set) var source: Address?
    private var lastArrival: Duration = .zero
    private var candidates: [Address: CandidatePacket] = [:]
    /// The address latched before `expect(_:)`, and when it was first heard since.
    private var retired: Address?
    private var retiredHeardSince: Duration?

    init(expected: Address?, silenceTimeout: Duration) {
        self.expected = expected
        self.silenceTimeout = silenceTimeout
    }

    /// The SDP names a new address: learn again, preferring it.
    mutating func expect(_ address: Address) {
        guard address != expected else { return }
        expected = address
        if let source, source != address {
            retired = source
            retiredHeardSince = nil
        }
        source = nil
        candidates = [:]
    }

    mutating func admit(from address: Address, ssrc: UInt32, sequenceNumber: UInt16, timestamp: UInt32, now: Duration) -> Decision {
        if let source {
            if address == source {
                lastArrival = now
                return .latched
            }
            guard now - lastArrival > silenceTimeout else { return .rejected(.otherSource) }
            self.source = nil
            candidates = [:]
        }
        if address == expected {
            latch(address, now: now)
            return .latchedNow(previous: nil)
        }
        if let retired, address == retired {
            let since = retiredHeardSince ?? now
            retiredHeardSince = since
            guard now - since > silenceTimeout else { return .rejected(.otherSource) }
            self.retired = nil
        }
        let packet = CandidatePacket(ssrc: ssrc, sequenceNumber: sequenceNumber, timestamp: timestamp, arrival: now)
        if let previous = candidates[address], previous.ssrc == ssrc, previous.sequenceNumber &+ 1 == sequenceNumber {
            latch(address, now: now)
            return .latchedNow(previous: previous)
        }
        if candidates[address] == nil, candidates.count >= Self.maximumCandidates,
           let stalest = candidates.min(by: { $0.value.arrival < $1.value.arrival })?.key {
            candidates[stalest] = nil
        }
        candidates[address] = packet
        return .rejected(.unproven)
    }

    private mutating func latch(_ address: Address, now: Duration) {
        source = address
        lastArrival = now
        candidates = [:]
        retired = nil
        retiredHeardSince = nil
    }
}
