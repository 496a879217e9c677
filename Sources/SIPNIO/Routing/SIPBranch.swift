import SIPCore

/// Via branch parameters (§8.1.1.7): `z9hG4bK` and then a value unique in space and time.
public enum SIPBranch {
    static let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)

    /// `z9hG4bK` + 22 random characters (about 131 bits) from `random`; tests pass a
    /// seeded generator to get the same branches every run.
    public static func make<Random: RandomNumberGenerator>(using random: inout Random) -> String {
        var octets = Array(SIPVia.magicCookie.utf8)
        for _ in 0..<22 {
            octets.append(alphabet[Int(random.next(upperBound: UInt64(alphabet.count)))])
        }
        return String(decoding: octets, as: UTF8.self)
    }

    public static func make() -> String {
        var random = SystemRandomNumberGenerator()
        return make(using: &random)
    }
}
