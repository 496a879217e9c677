/// Why a codec could not be made: each case names what the caller asked for.
public enum AudioCodecError: Error, Equatable, Sendable {
    /// The encoding name is not one Dialtone implements.
    case unknownCodec(String)
    /// This codec cannot work with frames of this many milliseconds.
    case unsupportedFrameDuration(codec: String, milliseconds: Int)
    /// This codec cannot work with this many channels.
    case unsupportedChannels(codec: String, channels: Int)
    /// The Opus bitrate is outside 6000…510000 bit/s.
    case unsupportedBitrate(Int)
    /// The C library refused to create its state; `code` is its error code.
    case libraryFailure(codec: String, code: Int)
}

/// Makes a codec from the name SDP negotiated, so callers never switch over codec types.
public enum AudioCodecFactory {
    /// The encoding names `make` accepts, in the order Dialtone prefers them in an offer.
    public static let supportedNames = ["opus", "G722", "PCMU", "PCMA"]

    /// Makes a codec by SDP encoding name (case-insensitive: "pcmu", "pcma", "g722", "opus").
    /// - Parameters:
    ///   - frameMilliseconds: frame duration (ptime); G.711 and G.722: 10…60 in steps of 10; Opus: 10, 20, 40, 60.
    ///   - channels: PCM channels; 2 only for Opus.
    ///   - opusBitrate: Opus target bitrate in bit/s; nil for `OpusCodec.defaultBitrate(channels:)`. Ignored by other codecs.
    public static func make(
        name: String, frameMilliseconds: Int, channels: Int = 1, opusBitrate: Int? = nil
    ) throws(AudioCodecError) -> any AudioCodec {
        switch name.lowercased() {
        case "pcmu":
            return try G711Codec(law: .muLaw, frameMilliseconds: frameMilliseconds, channels: channels)
        case "pcma":
            return try G711Codec(law: .aLaw, frameMilliseconds: frameMilliseconds, channels: channels)
        case "g722":
            return try G722Codec(frameMilliseconds: frameMilliseconds, channels: channels)
        case "opus":
            return try OpusCodec(
                frameMilliseconds: frameMilliseconds, channels: channels,
                bitrate: opusBitrate ?? OpusCodec.defaultBitrate(channels: channels))
        default:
            throw .unknownCodec(name)
        }
    }
}
