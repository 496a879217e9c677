/// A codec's E-model parameters (ITU-T G.107 §7.6): equipment impairment `Ie` without loss
/// and packet-loss robustness `Bpl`. All on the narrowband R scale (R ≤ 93.2), so wideband
/// codecs are scored as if heard over a narrowband path.
public struct CallQualityCodec: Hashable, Sendable {
    /// Equipment impairment factor with no loss.
    public var equipmentImpairment: Double
    /// Packet-loss robustness factor; higher means loss hurts less.
    public var packetLossRobustness: Double

    public init(equipmentImpairment: Double, packetLossRobustness: Double) {
        self.equipmentImpairment = equipmentImpairment
        self.packetLossRobustness = packetLossRobustness
    }

    /// G.711 with packet loss concealment (G.711 Appendix I): Ie 0, Bpl 25.1 (ITU-T G.113 Appendix I).
    public static let g711 = CallQualityCodec(equipmentImpairment: 0, packetLossRobustness: 25.1)
    /// G.711 with no concealment (silence for a lost packet): Ie 0, Bpl 4.3 (G.113 Appendix I).
    public static let g711WithoutConcealment = CallQualityCodec(equipmentImpairment: 0, packetLossRobustness: 4.3)
    /// G.722 at 64 kbit/s with concealment. No narrowband-scale table lists it; taken as at
    /// least as good as G.711 with PLC (Ie 0, Bpl 25.1). An assumption, not a measurement.
    public static let g722 = CallQualityCodec(equipmentImpairment: 0, packetLossRobustness: 25.1)
    /// Opus at 20 kbit/s or more, with its concealment: transparent on the narrowband scale
    /// (Ie 0), loss robustness taken equal to G.711 with PLC (Bpl 25.1). An assumption.
    public static let opus = CallQualityCodec(equipmentImpairment: 0, packetLossRobustness: 25.1)
    /// Opus at a low rate (about 8–12 kbit/s): scored like G.729A, the codec of that rate
    /// with published values (Ie 11, Bpl 19.0, G.113 Appendix I).
    public static let opusLowBitrate = CallQualityCodec(equipmentImpairment: 11, packetLossRobustness: 19)
}
