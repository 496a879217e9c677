/// The audio codecs Dialtone can negotiate, as SDP names them. The codec implementations live
/// in Codecs/ (`AudioCodecFactory.make(name: codec.encodingName, …)`).
public enum SDPCodec: String, CaseIterable, Sendable {
    case opus, g722, pcmu, pcma

    /// The order offered and chosen when nothing else is configured: best quality first.
    public static let defaultPreference: [SDPCodec] = [.opus, .g722, .pcmu, .pcma]

    /// The payload type Dialtone offers RFC 4733 telephone-event with.
    public static let telephoneEventPayloadType: UInt8 = 101

    /// The rtpmap encoding name.
    public var encodingName: String {
        switch self {
        case .opus: "opus"
        case .g722: "G722"
        case .pcmu: "PCMU"
        case .pcma: "PCMA"
        }
    }

    /// The RTP timestamp rate. G.722 samples at 16 kHz but its RTP clock is 8000 (RFC 3551 §4.5.2);
    /// Opus always says 48000 (RFC 7587 §4.1).
    public var clockRate: Int {
        switch self {
        case .opus: 48000
        case .g722, .pcmu, .pcma: 8000
        }
    }

    /// The channel count in the rtpmap: Opus is always "/2" (RFC 7587 §7), the others mono.
    public var channels: Int {
        self == .opus ? 2 : 1
    }

    /// The RFC 3551 static payload type; nil for Opus, which is dynamic.
    public var staticPayloadType: UInt8? {
        switch self {
        case .opus: nil
        case .g722: 9
        case .pcmu: 0
        case .pcma: 8
        }
    }

    /// The payload type Dialtone puts in its offers (dynamic 111 for Opus, as most phones do).
    public var offeredPayloadType: UInt8 {
        staticPayloadType ?? 111
    }

    /// The rtpmap encoding as written: "opus/48000/2", "PCMU/8000".
    public var rtpMapEncoding: String {
        channels > 1 ? "\(encodingName)/\(clockRate)/\(channels)" : "\(encodingName)/\(clockRate)"
    }

    /// The codec an rtpmap describes, matched by name (any case), clock rate and channels.
    public init?(rtpMap: SDPRTPMap) {
        for codec in SDPCodec.allCases where SDPText.equalsIgnoringCase(codec.encodingName, rtpMap.encodingName) {
            guard rtpMap.clockRate == codec.clockRate else { return nil }
            let channels = rtpMap.channels ?? 1
            // Opus is "/2" by RFC 7587; tolerate peers that leave the channel count out.
            guard channels == codec.channels || (codec == .opus && rtpMap.channels == nil) else { return nil }
            self = codec
            return
        }
        return nil
    }

    /// Whether Dialtone's implementation of the codec can packetize frames of this many ms.
    public func supportsPacketTime(_ milliseconds: Int) -> Bool {
        switch self {
        case .opus: [10, 20, 40, 60].contains(milliseconds)
        case .g722, .pcmu, .pcma: milliseconds >= 10 && milliseconds <= 60 && milliseconds % 10 == 0
        }
    }

    /// Reads a `--codecs` value such as "pcmu,pcma,opus,g722": names in any case, blanks
    /// around them ignored, duplicates dropped after their first place.
    public static func parseList(_ text: String) throws(SDPCodecListError) -> [SDPCodec] {
        var result: [SDPCodec] = []
        let items = text.split(separator: ",", omittingEmptySubsequences: false)
        for (index, item) in items.enumerated() {
            let name = SDPText.trimmed(item)
            guard !name.isEmpty else {
                if items.count == 1 { throw SDPCodecListError(kind: .empty) }
                throw SDPCodecListError(kind: .emptyItem(position: index + 1))
            }
            guard let codec = SDPCodec.allCases.first(where: { SDPText.equalsIgnoringCase($0.rawValue, name) }) else {
                throw SDPCodecListError(kind: .unknown(String(name)))
            }
            if !result.contains(codec) { result.append(codec) }
        }
        return result
    }
}
