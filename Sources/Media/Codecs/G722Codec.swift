import CSpanDSP

/// G.722 wideband (RFC 3551 §4.5.2) through spandsp at 64 kbit/s: 16 kHz audio for peers
/// without Opus. Its RTP clock stays 8000 Hz by an old mistake the RFC keeps, so
/// `rtpTimestampsPerFrame` is half of `frameSamples`.
public final class G722Codec: AudioCodec {
    public var name: String { "G722" }
    public var sampleRate: Int { 16000 }
    public var channels: Int { 1 }
    public var rtpClockRate: Int { 8000 }
    public let frameSamples: Int
    /// 4 bits per 16 kHz sample.
    public var maxPayloadBytes: Int { frameSamples / 2 }

    private let encoder: OpaquePointer
    private let decoder: OpaquePointer
    private let concealer: SpanDSPConcealer

    /// - Parameter frameMilliseconds: 10…60 in steps of 10.
    public init(frameMilliseconds: Int = 20, channels: Int = 1) throws(AudioCodecError) {
        guard channels == 1 else { throw .unsupportedChannels(codec: "G722", channels: channels) }
        guard (1...6).contains(frameMilliseconds / 10), frameMilliseconds % 10 == 0 else {
            throw .unsupportedFrameDuration(codec: "G722", milliseconds: frameMilliseconds)
        }
        // Options 0: 16 kHz PCM, one code word per byte (not G722_PACKED), as RTP carries it.
        guard let encoder = g722_encode_init(nil, 64000, 0) else { throw .libraryFailure(codec: "G722", code: -1) }
        guard let decoder = g722_decode_init(nil, 64000, 0) else {
            g722_encode_free(encoder)
            throw .libraryFailure(codec: "G722", code: -1)
        }
        guard let concealer = SpanDSPConcealer() else {
            g722_encode_free(encoder)
            g722_decode_free(decoder)
            throw .libraryFailure(codec: "G722", code: -1)
        }
        self.frameSamples = 16 * frameMilliseconds
        self.encoder = encoder
        self.decoder = decoder
        self.concealer = concealer
    }

    deinit {
        g722_encode_free(encoder)
        g722_decode_free(decoder)
    }

    public func encode(_ pcm: UnsafeBufferPointer<Int16>, into output: UnsafeMutableRawBufferPointer) -> Int {
        guard pcm.count == frameSamples, output.count >= frameSamples / 2,
              let input = pcm.baseAddress, let out = output.baseAddress else { return 0 }
        let written = g722_encode(encoder, out.assumingMemoryBound(to: UInt8.self), input, Int32(frameSamples))
        return max(0, Int(written))
    }

    /// Every byte is a valid code word; decodes as many as fit in `pcm` (two samples each).
    public func decode(_ payload: UnsafeRawBufferPointer, into pcm: UnsafeMutableBufferPointer<Int16>) -> Int {
        let bytes = min(payload.count, pcm.count / 2)
        guard bytes > 0, let data = payload.baseAddress, let out = pcm.baseAddress else { return 0 }
        let decoded = Int(g722_decode(decoder, out, data.assumingMemoryBound(to: UInt8.self), Int32(bytes)))
        guard decoded > 0, decoded <= pcm.count else { return 0 }
        concealer.received(pcm, count: decoded)
        return decoded
    }

    /// G.722 carries no redundancy, so `next` is ignored.
    public func conceal(next: UnsafeRawBufferPointer?, into pcm: UnsafeMutableBufferPointer<Int16>) -> Int {
        guard pcm.count >= frameSamples else { return 0 }
        concealer.fillIn(pcm, count: frameSamples)
        return frameSamples
    }
}
