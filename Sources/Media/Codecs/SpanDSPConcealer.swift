import CSpanDSP

/// spandsp's generic packet loss concealment (G.711 Appendix I style pitch repetition with a
/// 50 ms fade), for codecs without their own: it remembers decoded audio and synthesises a lost frame.
///
/// The pitch search is tuned for 8 kHz; at 16 kHz (G.722) it still works on voices above ~130 Hz
/// and fades twice as fast (to silence after 25 ms of loss).
final class SpanDSPConcealer {
    private let state: UnsafeMutablePointer<plc_state_t>

    /// Returns nil only if spandsp cannot allocate its state.
    init?() {
        guard let state = plc_init(nil) else { return nil }
        self.state = state
    }

    deinit { plc_free(state) }

    /// Records a frame that arrived; may smooth its start in place after a loss.
    func received(_ pcm: UnsafeMutableBufferPointer<Int16>, count: Int) {
        guard let base = pcm.baseAddress, count > 0, count <= pcm.count else { return }
        _ = plc_rx(state, base, Int32(count))
    }

    /// Writes `count` synthetic samples in place of a lost frame.
    func fillIn(_ pcm: UnsafeMutableBufferPointer<Int16>, count: Int) {
        guard let base = pcm.baseAddress, count > 0, count <= pcm.count else { return }
        _ = plc_fillin(state, base, Int32(count))
    }
}
