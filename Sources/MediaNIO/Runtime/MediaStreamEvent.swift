import Media

/// What a running media stream tells its owner, on the stream's event loop.
public enum MediaStreamEvent: Sendable {
    /// A telephone-event (RFC 4733) digit arrived: once per event, not per packet.
    case dtmfReceived(DTMFDigit)
    /// Media flows: the codec and the two transport addresses (what `media: ` prints).
    case started(MediaStreamDescription)
    /// RTP now comes from (and goes to) this address: symmetric RTP latched to it.
    case latched(String)
    /// The peer sent RTCP BYE.
    case peerBye
    /// Something the user should know that does not stop the call (a device fallback…).
    case note(String)
}

/// One stream as a person reads it: `PCMU/8000 127.0.0.1:40000 <-> 127.0.0.1:41100`.
public struct MediaStreamDescription: Sendable, Equatable, CustomStringConvertible {
    public var codec: String
    public var local: String
    public var remote: String
    public var direction: MediaDirection
    public var srtp: Bool
    public var input: String
    public var output: String

    public var description: String {
        "\(codec) \(local) <-> \(remote) \(direction.rawValue)\(srtp ? " srtp" : "")"
    }
}

/// The figures of one stream, for the call panel and the closing `rtp: ` line.
public struct MediaStreamStatistics: Sendable, Equatable {
    public var packetsSent: UInt64 = 0
    public var octetsSent: UInt64 = 0
    public var packetsReceived: UInt64 = 0
    public var packetsLost: Int64 = 0
    public var lossPercent: Double = 0
    public var jitterMilliseconds: Double = 0
    public var roundTripMilliseconds: Double?
    public var playoutDelayMilliseconds: Int = 0
    public var framesConcealed: UInt64 = 0
    public var ignoredPackets: UInt64 = 0
    public var inputPeak: Int = 0
    public var outputPeak: Int = 0
    public var mos: Double?

    public init() {}

    /// `rtp: sent N, received N, lost N, jitter N ms` (the headless contract), then the rest.
    public var summary: String {
        var text = "rtp: sent \(packetsSent), received \(packetsReceived), lost \(max(0, packetsLost)), jitter \(Int(jitterMilliseconds.rounded())) ms"
        if let roundTripMilliseconds { text += ", rtt \(Int(roundTripMilliseconds.rounded())) ms" }
        if let mos { text += ", mos \(Self.oneDecimal(mos))" }
        if framesConcealed > 0 { text += ", concealed \(framesConcealed) frames" }
        if ignoredPackets > 0 { text += ", ignored \(ignoredPackets) packets from other sources" }
        return text
    }

    static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
