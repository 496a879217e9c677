import CSpeexDSP

/// Why a resampler could not be made.
public enum AudioResamplerError: Error, Equatable, Sendable {
    /// Channels, rates or quality are out of range (channels ≥ 1, rates > 0, quality 0…10).
    case invalidParameters(channels: Int, inputRate: Int, outputRate: Int, quality: Int)
    /// speexdsp refused; `code` is its error code.
    case libraryFailure(code: Int)
}

/// speexdsp's resampler, between the device rate and the codec rate (8, 16 or 48 kHz), so a
/// call works whatever rate the sound card runs at. It keeps filter history between calls:
/// feed it one continuous stream, and `reset()` when the stream restarts.
public final class AudioResampler {
    public let channels: Int
    public let inputRate: Int
    public let outputRate: Int

    private let state: OpaquePointer

    /// - Parameter quality: 0…10; 5 (speexdsp's "desktop" preset) by default, clean enough for
    ///   music on hold and cheap at voice rates. speexdsp's "VoIP" preset is 3.
    public init(channels: Int, inputRate: Int, outputRate: Int, quality: Int = 5) throws(AudioResamplerError) {
        guard channels >= 1, channels <= 8, inputRate > 0, outputRate > 0,
              inputRate <= Int(UInt32.max), outputRate <= Int(UInt32.max), (0...10).contains(quality) else {
            throw .invalidParameters(channels: channels, inputRate: inputRate, outputRate: outputRate, quality: quality)
        }
        var error: Int32 = 0
        guard let state = speex_resampler_init(
            UInt32(channels), UInt32(inputRate), UInt32(outputRate), Int32(quality), &error), error == 0 else {
            throw .libraryFailure(code: Int(error))
        }
        self.channels = channels
        self.inputRate = inputRate
        self.outputRate = outputRate
        self.state = state
        // Start without the filter's leading zeros, so output lines up with input from the first call.
        _ = speex_resampler_skip_zeros(state)
    }

    deinit { speex_resampler_destroy(state) }

    /// Resamples interleaved PCM. Both buffers hold `frames × channels` interleaved samples; the
    /// counts returned are **per channel** (frames), like the codecs': `consumed` frames of `input`
    /// were used (feed the rest again next time), `produced` frames were written to `output`.
    /// Size `output` for at least `input frames × outputRate / inputRate + 1` frames to take all the input.
    public func process(
        _ input: UnsafeBufferPointer<Int16>, into output: UnsafeMutableBufferPointer<Int16>
    ) -> (consumed: Int, produced: Int) {
        let inputFrames = input.count / channels
        let outputFrames = output.count / channels
        guard inputFrames > 0, outputFrames > 0, let source = input.baseAddress, let target = output.baseAddress,
              inputFrames <= Int(UInt32.max), outputFrames <= Int(UInt32.max) else { return (0, 0) }
        var consumed = UInt32(inputFrames)
        var produced = UInt32(outputFrames)
        let error = speex_resampler_process_interleaved_int(state, source, &consumed, target, &produced)
        guard error == 0 else { return (0, 0) }
        return (Int(consumed), Int(produced))
    }

    /// Forgets the filter history, for a new stream (a new call or a device restart).
    public func reset() {
        _ = speex_resampler_reset_mem(state)
        _ = speex_resampler_skip_zeros(state)
    }
}
