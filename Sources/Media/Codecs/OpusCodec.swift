import COpus

/// Opus (RFC 6716, RTP per RFC 7587) through libopus: 48 kHz voice with in-band forward error
/// correction, so one lost packet can be rebuilt from the next one.
public final class OpusCodec: AudioCodec {
    public var name: String { "opus" }
    public var sampleRate: Int { 48000 }
    public let channels: Int
    /// RFC 7587 §4.1: always 48000, whatever the audio bandwidth.
    public var rtpClockRate: Int { 48000 }
    public let frameSamples: Int
    /// The encoder's output limit: RFC 6716 allows 1275 bytes per 20 ms frame, three per 60 ms packet.
    public let maxPayloadBytes: Int
    /// The target bitrate given at init, in bit/s.
    public let bitrate: Int
    /// The loss rate the encoder plans its FEC for.
    public let expectedLossPercent: Int

    private let encoder: OpaquePointer
    private let decoder: OpaquePointer

    /// A bitrate at which Opus voice is near-transparent and carries FEC comfortably.
    public static func defaultBitrate(channels: Int) -> Int { channels == 2 ? 48000 : 32000 }

    /// - Parameters:
    ///   - frameMilliseconds: 10, 20, 40 or 60.
    ///   - channels: 1 or 2 (interleaved PCM).
    ///   - bitrate: target in bit/s, 6000…510000.
    ///   - expectedLossPercent: tells the encoder how much redundancy to spend on FEC (0…100).
    public init(
        frameMilliseconds: Int = 20, channels: Int = 1, bitrate: Int = 32000, expectedLossPercent: Int = 10
    ) throws(AudioCodecError) {
        guard [10, 20, 40, 60].contains(frameMilliseconds) else {
            throw .unsupportedFrameDuration(codec: "opus", milliseconds: frameMilliseconds)
        }
        guard channels == 1 || channels == 2 else { throw .unsupportedChannels(codec: "opus", channels: channels) }
        guard (6000...510_000).contains(bitrate) else { throw .unsupportedBitrate(bitrate) }
        var error: Int32 = 0
        guard let encoder = opus_encoder_create(48000, Int32(channels), OPUS_APPLICATION_VOIP, &error),
              error == OPUS_OK else {
            throw .libraryFailure(codec: "opus", code: Int(error))
        }
        guard let decoder = opus_decoder_create(48000, Int32(channels), &error), error == OPUS_OK else {
            opus_encoder_destroy(encoder)
            throw .libraryFailure(codec: "opus", code: Int(error))
        }
        let loss = Int32(min(max(expectedLossPercent, 0), 100))
        let settings = [
            copus_set_bitrate(encoder, Int32(bitrate)),
            copus_set_signal_voice(encoder),
            copus_set_inband_fec(encoder, 1),
            copus_set_packet_loss_perc(encoder, loss),
            copus_set_dtx(encoder, 0),
        ]
        if let failed = settings.first(where: { $0 != OPUS_OK }) {
            opus_encoder_destroy(encoder)
            opus_decoder_destroy(decoder)
            throw .libraryFailure(codec: "opus", code: Int(failed))
        }
        self.channels = channels
        self.frameSamples = 48 * frameMilliseconds
        self.maxPayloadBytes = 1275 * max(1, frameMilliseconds / 20)
        self.bitrate = bitrate
        self.expectedLossPercent = Int(loss)
        self.encoder = encoder
        self.decoder = decoder
    }

    deinit {
        opus_encoder_destroy(encoder)
        opus_decoder_destroy(decoder)
    }

    public func encode(_ pcm: UnsafeBufferPointer<Int16>, into output: UnsafeMutableRawBufferPointer) -> Int {
        guard pcm.count == frameSamples * channels, let input = pcm.baseAddress,
              let out = output.baseAddress, output.count > 0 else { return 0 }
        let limit = Int32(min(output.count, maxPayloadBytes))
        let written = opus_encode(encoder, input, Int32(frameSamples), out.assumingMemoryBound(to: UInt8.self), limit)
        return max(0, Int(written))
    }

    /// Decodes up to `pcm.count / channels` samples per channel (a packet holds at most 120 ms);
    /// an empty, corrupt or oversized packet gives 0.
    public func decode(_ payload: UnsafeRawBufferPointer, into pcm: UnsafeMutableBufferPointer<Int16>) -> Int {
        guard let data = payload.baseAddress, payload.count > 0, payload.count <= Int(Int32.max),
              let out = pcm.baseAddress else { return 0 }
        let capacity = Int32(min(pcm.count / channels, 5760))
        guard capacity > 0 else { return 0 }
        let decoded = opus_decode(
            decoder, data.assumingMemoryBound(to: UInt8.self), Int32(payload.count), out, capacity, 0)
        return max(0, Int(decoded))
    }

    /// With `next`, rebuilds the lost frame from the FEC data carried in the following packet
    /// (libopus falls back to PLC if that packet has none, and so does a corrupt `next`); without it, libopus extrapolates.
    /// Decode `next` itself normally afterwards.
    public func conceal(next: UnsafeRawBufferPointer?, into pcm: UnsafeMutableBufferPointer<Int16>) -> Int {
        guard pcm.count >= frameSamples * channels, let out = pcm.baseAddress else { return 0 }
        if let next, let data = next.baseAddress, next.count > 0, next.count <= Int(Int32.max) {
            let recovered = opus_decode(
                decoder, data.assumingMemoryBound(to: UInt8.self), Int32(next.count), out, Int32(frameSamples), 1)
            if recovered > 0 { return Int(recovered) }
            // A corrupt `next` falls through to plain concealment.
        }
        return max(0, Int(opus_decode(decoder, nil, 0, out, Int32(frameSamples), 0)))
    }
}
