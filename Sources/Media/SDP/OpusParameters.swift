/// The Opus `a=fmtp` parameters (RFC 7587 §6.1) a receiver asks of the sender: read from the
/// peer's description, they say how we should encode.
public struct OpusParameters: Sendable, Equatable {
    /// `useinbandfec=1`: the receiver can use in-band forward error correction.
    public var useInbandFEC: Bool
    /// `stereo=1`: the receiver prefers stereo.
    public var stereo: Bool
    /// `maxaveragebitrate`: the highest average bitrate, bit/s (6000…510000), the receiver wants.
    public var maxAverageBitrate: Int?

    public init(useInbandFEC: Bool = false, stereo: Bool = false, maxAverageBitrate: Int? = nil) {
        self.useInbandFEC = useInbandFEC
        self.stereo = stereo
        self.maxAverageBitrate = maxAverageBitrate
    }

    /// Reads "useinbandfec=1; stereo=1; maxaveragebitrate=64000"; unknown and out-of-range
    /// parameters are ignored (RFC 7587 §6.1: absent means the default).
    public init(fmtp: String?) {
        self.init()
        guard let fmtp else { return }
        for parameter in fmtp.split(separator: ";") {
            let pair = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            let name = SDPText.trimmed(pair[0])
            let value = SDPText.trimmed(pair[1])
            if SDPText.equalsIgnoringCase(name, "useinbandfec") {
                useInbandFEC = value == "1"
            } else if SDPText.equalsIgnoringCase(name, "stereo") {
                stereo = value == "1"
            } else if SDPText.equalsIgnoringCase(name, "maxaveragebitrate") {
                maxAverageBitrate = SDPText.integer(value, in: 6000...510_000)
            }
        }
    }
}
