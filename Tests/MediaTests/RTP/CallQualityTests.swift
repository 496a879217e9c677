import Testing
@testable import Media

@Suite struct CallQualityTests {
    static func close(_ a: Double, _ b: Double, within tolerance: Double = 1e-9) -> Bool {
        abs(a - b) <= tolerance
    }

    @Test(arguments: [
        (93.2, 4.409285824),  // G.711 with nothing lost: "R = 93.2 → MOS ≈ 4.41"
        (80, 4.024),
        (50, 2.575),
        (0, 1),
        (-5, 1),
        (3, 1),               // the cubic dips below 1 here; the scale does not
        (100, 4.5),
        (120, 4.5),
    ])
    func mapsRatingToMOS(rating: Double, mos: Double) {
        #expect(Self.close(CallQuality.meanOpinionScore(rating: rating), mos))
    }

    @Test func cleanG711CallIsTheDefaultRating() {
        let quality = CallQuality(codec: .g711, lossPercent: 0, oneWayDelayMilliseconds: 0)
        #expect(quality.rating == 93.2)
        #expect(Self.close(quality.meanOpinionScore, 4.41, within: 0.005))
    }

    @Test func lossUsesBpl() {
        // Ie,eff = 0 + 95 × 1 / (1 + 25.1)
        let withConcealment = CallQuality(codec: .g711, lossPercent: 1, oneWayDelayMilliseconds: 0)
        #expect(Self.close(withConcealment.rating, 93.2 - 95 / 26.1))
        #expect(Self.close(withConcealment.meanOpinionScore, 4.328075382283066))
        // Without concealment the same loss hurts far more: 95 × 1 / 5.3.
        let without = CallQuality(codec: .g711WithoutConcealment, lossPercent: 1, oneWayDelayMilliseconds: 0)
        #expect(Self.close(without.rating, 93.2 - 95 / 5.3))
    }

    @Test func delayPastTheKneeCostsMore() {
        let short = CallQuality(codec: .g711, lossPercent: 0, oneWayDelayMilliseconds: 100)
        #expect(Self.close(short.rating, 93.2 - 2.4))
        // 0.024 × 200 + 0.11 × (200 − 177.3)
        let long = CallQuality(codec: .g711, lossPercent: 0, oneWayDelayMilliseconds: 200)
        #expect(Self.close(long.rating, 93.2 - 4.8 - 0.11 * 22.7))
        #expect(Self.close(long.meanOpinionScore, 4.226180123814712))
    }

    @Test func codecLossAndDelayTogether() {
        // Ie 11, Bpl 19, 2 % loss, 150 ms: 93.2 − 3.6 − (11 + 84 × 2 / 21) = 70.6
        let quality = CallQuality(codec: .opusLowBitrate, lossPercent: 2, oneWayDelayMilliseconds: 150)
        #expect(Self.close(quality.rating, 70.6))
    }

    @Test func moreLossNeverScoresBetter() {
        let scores = stride(from: 0.0, through: 30, by: 0.5).map {
            CallQuality(codec: .g722, lossPercent: $0, oneWayDelayMilliseconds: 80).meanOpinionScore
        }
        #expect(zip(scores, scores.dropFirst()).allSatisfy { $0 > $1 })
        #expect(scores.allSatisfy { (1...4.5).contains($0) })
    }

    @Test func nonsenseInputsStayOnTheScale() {
        let worst = CallQuality(codec: .g711, lossPercent: 250, oneWayDelayMilliseconds: 10_000)
        #expect(worst.rating == 0)
        #expect(worst.meanOpinionScore == 1)
        let nan = CallQuality(codec: .opus, lossPercent: .nan, oneWayDelayMilliseconds: -.infinity)
        #expect(nan.rating == 93.2)
        let noRobustness = CallQuality(codec: CallQualityCodec(equipmentImpairment: 5, packetLossRobustness: 0),
                                       lossPercent: 0, oneWayDelayMilliseconds: 0)
        #expect(noRobustness.rating == 88.2)
    }
}
