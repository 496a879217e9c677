/// What an offer/answer exchange agreed for the call's audio: everything the RTP side needs to
/// send and receive, each value from the side that decides it (RFC 3264 §5.1, §6.1).
public struct NegotiatedAudio: Sendable, Equatable, CustomStringConvertible {
    /// Where to send RTP: an IP literal, or a host name when the peer wrote one (resolve it or
    /// refuse it); "0.0.0.0" when the peer holds us the RFC 2543 way.
    public var remoteAddress: String
    public var remoteRTPPort: Int
    /// `a=rtcp` (RFC 3605) if the peer gave one, else the RTP port + 1.
    public var remoteRTCPPort: Int
    /// The codec we send with.
    public var sendCodec: SDPCodec
    /// The payload type the peer wants that codec sent with.
    public var sendPayloadType: UInt8
    /// The payload types the peer may send us, each with its codec.
    public var receivePayloadTypes: [UInt8: SDPCodec]
    /// The payload type for the RFC 4733 events we send; nil when the peer cannot receive them.
    public var sendTelephoneEvent: UInt8?
    /// The payload type of RFC 4733 events the peer may send us; nil when not agreed.
    public var receiveTelephoneEvent: UInt8?
    /// The telephone-event RTP clock rate (8000 unless agreed otherwise).
    public var telephoneEventClockRate: Int
    /// OUR direction: sendrecv; sendonly when we hold the peer; recvonly when the peer holds us;
    /// inactive when both do.
    public var direction: MediaDirection
    /// The packet duration we send, ms: the peer's `a=ptime` when our codec supports it.
    public var ptime: Int
    /// The Opus parameters as the peer asked them: how we should encode.
    public var opus: OpusParameters
    /// The SRTP suite and keys, when SRTP was agreed.
    public var srtp: SRTPKeys?

    public init(
        remoteAddress: String, remoteRTPPort: Int, remoteRTCPPort: Int,
        sendCodec: SDPCodec, sendPayloadType: UInt8, receivePayloadTypes: [UInt8: SDPCodec],
        sendTelephoneEvent: UInt8?, receiveTelephoneEvent: UInt8?, telephoneEventClockRate: Int,
        direction: MediaDirection, ptime: Int, opus: OpusParameters, srtp: SRTPKeys?
    ) {
        self.remoteAddress = remoteAddress
        self.remoteRTPPort = remoteRTPPort
        self.remoteRTCPPort = remoteRTCPPort
        self.sendCodec = sendCodec
        self.sendPayloadType = sendPayloadType
        self.receivePayloadTypes = receivePayloadTypes
        self.sendTelephoneEvent = sendTelephoneEvent
        self.receiveTelephoneEvent = receiveTelephoneEvent
        self.telephoneEventClockRate = telephoneEventClockRate
        self.direction = direction
        self.ptime = ptime
        self.opus = opus
        self.srtp = srtp
    }

    /// For the call screen: "PCMU/8000 sendrecv", "opus/48000 sendonly SRTP".
    public var description: String {
        var text = "\(sendCodec.encodingName)/\(sendCodec.clockRate) \(direction.rawValue)"
        if srtp != nil { text += " SRTP" }
        return text
    }
}
