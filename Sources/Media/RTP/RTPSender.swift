/// Our outgoing stream's numbering (RFC 3550 §5.1): a random SSRC, sequence number and
/// timestamp origin, then +1 per packet and the media clock. It also counts what the sender
/// report states. Nothing here allocates, so the audio thread can stamp packets.
public struct RTPSender: Hashable, Sendable {
    public let ssrc: UInt32
    public let initialSequenceNumber: UInt16
    /// The RTP timestamp of offset 0.
    public let initialTimestamp: UInt32
    /// What the next `header` call uses.
    public private(set) var nextSequenceNumber: UInt16
    /// Packets sent (for the SR); wraps at 2^32 as the field does.
    public private(set) var packetCount: UInt32 = 0
    /// Payload octets sent (for the SR); wraps at 2^32 as the field does.
    public private(set) var octetCount: UInt32 = 0

    /// Draws SSRC, first sequence number and timestamp origin from `random` (RFC 3550 §5.1
    /// wants them unpredictable). The first sequence number stays below 2^15, as libSRTP's
    /// FAQ advises, so an SRTP receiver's rollover guess survives loss of the first packets.
    public init(random: inout some RandomNumberGenerator) {
        self.init(
            ssrc: UInt32.random(in: .min ... .max, using: &random),
            initialSequenceNumber: UInt16.random(in: 0..<0x8000, using: &random),
            initialTimestamp: UInt32.random(in: .min ... .max, using: &random)
        )
    }

    /// Known values, for tests and for restarting a stream after an SSRC collision.
    public init(ssrc: UInt32, initialSequenceNumber: UInt16, initialTimestamp: UInt32) {
        self.ssrc = ssrc
        self.initialSequenceNumber = initialSequenceNumber
        self.initialTimestamp = initialTimestamp
        self.nextSequenceNumber = initialSequenceNumber
    }

    /// The header of the next packet. `timestampOffset` is in RTP clock units since the stream
    /// began (a DTMF event repeats its start offset in every packet); the sequence number
    /// advances by one on every call.
    public mutating func header(payloadType: UInt8, timestampOffset: UInt32, marker: Bool) -> RTPHeader {
        let header = RTPHeader(
            payloadType: payloadType,
            sequenceNumber: nextSequenceNumber,
            timestamp: timestamp(atOffset: timestampOffset),
            ssrc: ssrc,
            marker: marker
        )
        nextSequenceNumber &+= 1
        return header
    }

    /// The RTP timestamp `offset` clock units after the start (for an SR's RTP timestamp).
    public func timestamp(atOffset offset: UInt32) -> UInt32 {
        initialTimestamp &+ offset
    }

    /// Records one packet handed to the network, with its payload size (headers excluded).
    public mutating func sent(payloadBytes: Int) {
        packetCount &+= 1
        octetCount &+= UInt32(truncatingIfNeeded: max(0, payloadBytes))
    }
}
