/// An estimate of conversational quality from the E-model (ITU-T G.107), simplified as VoIP
/// monitors commonly do: default values for everything but the codec, random packet loss
/// and mouth-to-ear delay, no echo or noise terms.
///
///     R   = 93.2 − Id − Ie,eff
///     Id  = 0.024·d + 0.11·(d − 177.3)·H(d − 177.3)        (d: one-way delay, ms)
///     Ie,eff = Ie + (95 − Ie) · Ppl / (Ppl + Bpl)           (Ppl: loss %, BurstR = 1)
///     MOS = 1 + 0.035·R + R·(R − 60)·(100 − R)·7·10⁻⁶      (G.107 Annex B, 0 < R < 100)
///
/// The delay term is Cole and Rosenbluth's fit to G.107's Idd with default echo control.
public struct CallQuality: Hashable, Sendable {
    /// G.107's R with all defaults and no loss or delay (Ro − Is).
    public static let defaultRating = 93.2

    /// Transmission rating, 0…93.2 here.
    public var rating: Double
    /// Mean opinion score, 1.0…4.5.
    public var meanOpinionScore: Double

    /// `lossPercent` is 0…100; `oneWayDelayMilliseconds` is mouth to ear, usually the round
    /// trip halved plus the jitter buffer and packetization.
    public init(codec: CallQualityCodec, lossPercent: Double, oneWayDelayMilliseconds: Double) {
        let loss = min(100, max(0, lossPercent.isNaN ? 0 : lossPercent))
        let delay = max(0, oneWayDelayMilliseconds.isNaN ? 0 : oneWayDelayMilliseconds)
        let delayImpairment = 0.024 * delay + (delay > 177.3 ? 0.11 * (delay - 177.3) : 0)
        let ie = codec.equipmentImpairment
        let effectiveImpairment = loss > 0 ? ie + (95 - ie) * loss / (loss + max(0, codec.packetLossRobustness)) : ie
        let r = max(0, Self.defaultRating - delayImpairment - effectiveImpairment)
        rating = r
        meanOpinionScore = Self.meanOpinionScore(rating: r)
    }

    /// G.107 Annex B's mapping from R to MOS.
    public static func meanOpinionScore(rating r: Double) -> Double {
        if r.isNaN || r <= 0 { return 1 }
        if r >= 100 { return 4.5 }
        // The cubic dips just below 1 for R under about 6.5; the scale starts at 1.
        return max(1, 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6)
    }
}
