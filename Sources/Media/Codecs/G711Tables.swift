/// ITU-T G.711 µ-law and A-law as lookup tables, built once from the Recommendation's
/// segment rules so encoding and decoding are one load per sample on the audio thread.
///
/// Linear samples are 16-bit; as in the ITU-T G.191 reference tools, µ-law uses the top 14 bits
/// and A-law the top 12 bits (plus sign), and negative values are quantised by their one's
/// complement, so −1 encodes like +0 with the sign bit cleared.
enum G711Tables {
    /// µ-law code → linear, e.g. 0xFF → 0, 0x80 → +32124, 0x00 → −32124.
    static let muLawDecode: [Int16] = (0..<256).map { muLawExpand(UInt8($0)) }
    /// (sample >> 2) + 8192 → µ-law code.
    static let muLawEncode: [UInt8] = (0..<16384).map { muLawCompress(Int16(truncatingIfNeeded: ($0 - 8192) << 2)) }
    /// A-law code → linear, e.g. 0xD5 → +8, 0x55 → −8, 0xAA → +32256.
    static let aLawDecode: [Int16] = (0..<256).map { aLawExpand(UInt8($0)) }
    /// (sample >> 4) + 2048 → A-law code.
    static let aLawEncode: [UInt8] = (0..<4096).map { aLawCompress(Int16(truncatingIfNeeded: ($0 - 2048) << 4)) }

    /// Builds every table now, so the first encode on the audio thread does not.
    static func prepare() {
        _ = muLawDecode.count + muLawEncode.count + aLawDecode.count + aLawEncode.count
    }

    // MARK: G.711 segment rules (used only to build the tables)

    /// µ-law: magnitude biased by 33 (in 14-bit units), 8 segments of 16 steps, all bits inverted.
    static func muLawCompress(_ sample: Int16) -> UInt8 {
        let linear = Int(sample)
        var magnitude = (linear < 0 ? ~linear : linear) >> 2
        magnitude = min(magnitude + 33, 0x1FFF)
        var segment = 1
        var rest = magnitude >> 6
        while rest != 0 { segment += 1; rest >>= 1 }
        let high = 8 - segment
        let low = 15 - ((magnitude >> segment) & 0x0F)
        var code = (high << 4) | low
        if linear >= 0 { code |= 0x80 }
        return UInt8(code)
    }

    static func muLawExpand(_ code: UInt8) -> Int16 {
        let inverted = Int(~code)
        let exponent = (inverted >> 4) & 0x07
        let mantissa = inverted & 0x0F
        let step = 4 << (exponent + 1)
        let magnitude = (0x80 << exponent) + step * mantissa + step / 2 - 4 * 33
        return Int16(code < 0x80 ? -magnitude : magnitude)
    }

    /// A-law: 12-bit magnitude, segment 0 linear, then 7 doubling segments; even bits inverted (XOR 0x55).
    static func aLawCompress(_ sample: Int16) -> UInt8 {
        let linear = Int(sample)
        var magnitude = (linear < 0 ? ~linear : linear) >> 4
        if magnitude > 15 {
            var exponent = 1
            while magnitude > 16 + 15 { magnitude >>= 1; exponent += 1 }
            magnitude -= 16
            magnitude += exponent << 4
        }
        if linear >= 0 { magnitude |= 0x80 }
        return UInt8(magnitude) ^ 0x55
    }

    static func aLawExpand(_ code: UInt8) -> Int16 {
        let bits = Int(code ^ 0x55)
        let exponent = (bits >> 4) & 0x07
        var mantissa = bits & 0x0F
        if exponent > 0 { mantissa += 16 }
        mantissa = (mantissa << 4) + 8
        if exponent > 1 { mantissa <<= exponent - 1 }
        return Int16(bits & 0x80 != 0 ? mantissa : -mantissa)
    }
}
