import CSpeexDSP

/// Why an echo canceller could not be made.
public enum EchoCancellerError: Error, Equatable, Sendable {
    /// Frame, filter length or rate out of range.
    case invalidParameters(frameSamples: Int, filterMilliseconds: Int, sampleRate: Int)
    /// speexdsp could not create its state.
    case libraryFailure
}

/// speexdsp's acoustic echo canceller followed by its preprocessor (residual echo and noise
/// suppression), so the far end does not hear itself from our loudspeaker.
///
/// Feed each captured frame with the frame that was played at the same moment; the filter
/// learns the loudspeaker-to-microphone path (up to `filterMilliseconds` long) over a few seconds.
public final class EchoCanceller {
    public let frameSamples: Int
    public let sampleRate: Int

    private let echo: OpaquePointer
    private let preprocess: OpaquePointer

    /// - Parameters:
    ///   - frameSamples: samples per mono frame, e.g. 160 for 20 ms at 8 kHz (10–20 ms frames work best).
    ///   - filterMilliseconds: the longest echo path to cancel; longer costs CPU and converges slower.
    ///   - sampleRate: the capture/playback rate.
    public init(frameSamples: Int, filterMilliseconds: Int = 200, sampleRate: Int) throws(EchoCancellerError) {
        let filterSamples = filterMilliseconds * sampleRate / 1000
        guard frameSamples > 0, frameSamples <= 48000, filterMilliseconds > 0, filterMilliseconds <= 2000,
              sampleRate >= 8000, sampleRate <= 192_000, filterSamples >= frameSamples else {
            throw .invalidParameters(frameSamples: frameSamples, filterMilliseconds: filterMilliseconds, sampleRate: sampleRate)
        }
        guard let echo = speex_echo_state_init(Int32(frameSamples), Int32(filterSamples)) else {
            throw .libraryFailure
        }
        guard let preprocess = speex_preprocess_state_init(Int32(frameSamples), Int32(sampleRate)) else {
            speex_echo_state_destroy(echo)
            throw .libraryFailure
        }
        _ = cspeex_echo_set_sampling_rate(echo, Int32(sampleRate))
        _ = cspeex_preprocess_set_echo_state(preprocess, echo)
        self.frameSamples = frameSamples
        self.sampleRate = sampleRate
        self.echo = echo
        self.preprocess = preprocess
    }

    deinit {
        speex_preprocess_state_destroy(preprocess)
        speex_echo_state_destroy(echo)
    }

    /// Removes the echo of `played` from `captured` into `output` (each exactly `frameSamples` long;
    /// `output` may not alias `captured`). Returns false, leaving `output` untouched, if a size is wrong.
    @discardableResult
    public func process(
        captured: UnsafeBufferPointer<Int16>, played: UnsafeBufferPointer<Int16>,
        into output: UnsafeMutableBufferPointer<Int16>
    ) -> Bool {
        guard captured.count == frameSamples, played.count == frameSamples, output.count == frameSamples,
              let capturedBase = captured.baseAddress, let playedBase = played.baseAddress,
              let outputBase = output.baseAddress else { return false }
        speex_echo_cancellation(echo, capturedBase, playedBase, outputBase)
        _ = speex_preprocess_run(preprocess, outputBase)
        return true
    }

    /// Forgets the learnt echo path, for a new call or a changed device.
    public func reset() {
        speex_echo_state_reset(echo)
    }
}
