/// Small text helpers for SDP fields: no Foundation, and every one total (never traps).
enum SDPText {
    /// Space-separated fields; runs of spaces (and tabs) count as one separator.
    static func fields(_ text: Substring) -> [Substring] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" })
    }

    /// A decimal number of 1 or more ASCII digits that fits 64 bits.
    static func decimal(_ text: Substring) -> UInt64? {
        guard !text.isEmpty, text.utf8.count <= 20 else { return nil }
        var result: UInt64 = 0
        for byte in text.utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times, overflow1) = result.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            if overflow1 || overflow2 { return nil }
            result = sum
        }
        return result
    }

    /// A decimal number that fits `Int` and lies in `range`.
    static func integer(_ text: Substring, in range: ClosedRange<Int>) -> Int? {
        guard let value = decimal(text), value <= UInt64(Int.max) else { return nil }
        let int = Int(value)
        return range.contains(int) ? int : nil
    }

    /// Without leading and trailing spaces and tabs.
    static func trimmed(_ text: Substring) -> Substring {
        var slice = text
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return slice
    }

    /// ASCII case-insensitive equality (encoding names, attribute names).
    static func equalsIgnoringCase(_ a: some StringProtocol, _ b: some StringProtocol) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        return zip(a.utf8, b.utf8).allSatisfy { lower($0) == lower($1) }
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    /// Text safe to write into one SDP field: control characters and blanks become "-",
    /// so nothing a caller or peer gives can break a line or add a field.
    static func token(_ text: String) -> String {
        if text.isEmpty { return "-" }
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.value <= 0x20 || scalar.value == 0x7F { result.append("-") } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }
}
