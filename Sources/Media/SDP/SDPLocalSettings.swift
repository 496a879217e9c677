/// What Dialtone offers and accepts on a call. The caller fills it from config and flags and may
/// change it between offers (a new address after a network change, a new key).
public struct SDPLocalSettings: Sendable, Equatable, CustomStringConvertible {
    /// The IP literal we receive RTP on (v4 or v6), never 0.0.0.0: it goes into `c=`.
    public var address: String
    public var rtpPort: Int
    /// Our preference order; empty means `SDPCodec.defaultPreference`.
    public var codecs: [SDPCodec]
    /// The packet duration we want to receive, ms.
    public var ptime: Int
    /// Opus bitrate in bit/s we ask for (`maxaveragebitrate`); nil = libopus default.
    public var opusBitrate: Int?
    /// Ask for stereo Opus (`stereo=1; sprop-stereo=1`).
    public var opusStereo: Bool
    /// Offer and accept RFC 4733 telephone-event (DTMF).
    public var telephoneEvent: Bool
    public var srtp: SRTPMode
    /// Our SRTP master key + salt, 30 bytes, chosen by the caller from a secure random source.
    public var srtpKey: [UInt8]
    /// The `o=` session id; kept for the whole call (changes after the first SDP are ignored).
    public var sessionID: UInt64
    /// The `o=` username; kept for the whole call like `sessionID`.
    public var username: String

    public init(
        address: String,
        rtpPort: Int,
        codecs: [SDPCodec] = SDPCodec.defaultPreference,
        ptime: Int = 20,
        opusBitrate: Int? = nil,
        opusStereo: Bool = false,
        telephoneEvent: Bool = true,
        srtp: SRTPMode = .off,
        srtpKey: [UInt8] = [],
        sessionID: UInt64,
        username: String = "dialtone"
    ) {
        self.address = address
        self.rtpPort = rtpPort
        self.codecs = codecs
        self.ptime = ptime
        self.opusBitrate = opusBitrate
        self.opusStereo = opusStereo
        self.telephoneEvent = telephoneEvent
        self.srtp = srtp
        self.srtpKey = srtpKey
        self.sessionID = sessionID
        self.username = username
    }

    /// Finds settings that would produce a description no peer can use, before a call starts.
    /// The negotiator never traps on them: it writes what it can and a peer refuses the rest.
    public func validate() throws(SDPNegotiationError) {
        guard SDPAddress.isIPv4Literal(address) || SDPAddress.isIPv6Literal(address) else {
            throw .invalidSettings("the media address \"\(address)\" is not an IPv4 or IPv6 address")
        }
        guard address != "0.0.0.0", address != "::" else {
            throw .invalidSettings("the media address must not be \(address): peers read it as hold")
        }
        guard (1...65535).contains(rtpPort) else {
            throw .invalidSettings("the RTP port \(rtpPort) is not from 1 to 65535")
        }
        for codec in effectiveCodecs where !codec.supportsPacketTime(ptime) {
            throw .invalidSettings("a packet time of \(ptime) ms does not work with \(codec.encodingName)")
        }
        if let opusBitrate, !(6000...510_000).contains(opusBitrate) {
            throw .invalidSettings("the Opus bitrate \(opusBitrate) bit/s is not from 6000 to 510000")
        }
        if srtp != .off, srtpKey.count != SDPCryptoSuite.masterKeyLength {
            throw .invalidSettings(
                "the SRTP master key is \(srtpKey.count) bytes; AES_CM_128_HMAC_SHA1_80 needs \(SDPCryptoSuite.masterKeyLength)")
        }
    }

    /// The codecs to offer, without duplicates, never empty.
    var effectiveCodecs: [SDPCodec] {
        var result: [SDPCodec] = []
        for codec in codecs where !result.contains(codec) { result.append(codec) }
        return result.isEmpty ? SDPCodec.defaultPreference : result
    }

    /// Whether the SRTP key can be offered.
    var hasUsableKey: Bool { srtpKey.count == SDPCryptoSuite.masterKeyLength }

    /// The packet time to write in our descriptions.
    var packetTime: Int { (1...10_000).contains(ptime) ? ptime : 20 }

    /// Without the key.
    public var description: String {
        let codecList = effectiveCodecs.map(\.encodingName).joined(separator: ",")
        return "\(address):\(rtpPort) \(codecList) ptime \(ptime) srtp \(srtp.rawValue)"
    }
}
