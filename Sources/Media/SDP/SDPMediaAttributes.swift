/// Value readers shared by the parser's checks and the accessors.
enum SDPMediaAttributes {
    /// "20" or "20.0" (some peers write a fraction) as whole milliseconds, 1…10000.
    static func milliseconds(_ value: Substring) -> Int? {
        let text = SDPText.trimmed(value)
        let whole = text.prefix { $0 != "." }
        let fraction = text.dropFirst(whole.count)
        if !fraction.isEmpty {
            let digits = fraction.dropFirst()
            guard !digits.isEmpty, SDPText.decimal(digits.prefix(18)) != nil, digits.count <= 18 else { return nil }
        }
        return SDPText.integer(whole, in: 1...10_000)
    }
}
