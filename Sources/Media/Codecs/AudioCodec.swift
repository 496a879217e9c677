/// One shape for every voice codec, so the RTP session, the jitter buffer and the audio thread
/// never need to know which codec a call negotiated.
///
/// Everything after `init` runs on the real-time audio thread: implementations work in the
/// caller's buffers and their own preallocated state, and never allocate, lock or log.
/// A codec object is owned by one thread at a time (it is not `Sendable`).
public protocol AudioCodec: AnyObject {
    /// The SDP encoding name ("PCMU", "PCMA", "G722", "opus").
    var name: String { get }
    /// The PCM rate the codec works at (8000 for G.711, 16000 for G.722, 48000 for Opus).
    var sampleRate: Int { get }
    /// PCM channels (1 or 2); multichannel PCM is interleaved.
    var channels: Int { get }
    /// The RTP timestamp clock, which differs from `sampleRate` for G.722 (RFC 3551 §4.5.2).
    var rtpClockRate: Int { get }
    /// Samples per channel in one frame of the frame duration given at init.
    var frameSamples: Int { get }
    /// The largest payload `encode` can write for one frame, to size the output buffer.
    var maxPayloadBytes: Int { get }
    /// Encodes one frame (frameSamples × channels interleaved Int16) into `output`; returns bytes written (0 on error).
    func encode(_ pcm: UnsafeBufferPointer<Int16>, into output: UnsafeMutableRawBufferPointer) -> Int
    /// Decodes one payload; returns samples per channel written (0 on a corrupt payload, never a crash).
    /// The count follows the payload, not `frameSamples`: a peer may send longer packets than we do.
    func decode(_ payload: UnsafeRawBufferPointer, into pcm: UnsafeMutableBufferPointer<Int16>) -> Int
    /// Conceals one lost frame (PLC). `next`: the following packet's payload if it has arrived
    /// (Opus in-band FEC uses it). Returns samples per channel (frameSamples, or 0 if `pcm` is too small).
    func conceal(next: UnsafeRawBufferPointer?, into pcm: UnsafeMutableBufferPointer<Int16>) -> Int
}

extension AudioCodec {
    /// A safe upper bound for codecs that do not know better: one Ethernet MTU.
    public var maxPayloadBytes: Int { 1500 }

    /// How far the RTP timestamp advances per frame: frame samples at the RTP clock, not the PCM rate.
    public var rtpTimestampsPerFrame: Int { frameSamples * rtpClockRate / sampleRate }

    /// The frame duration in milliseconds.
    public var frameMilliseconds: Int { frameSamples * 1000 / sampleRate }
}
