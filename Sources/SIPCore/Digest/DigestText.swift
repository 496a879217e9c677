/// Small text helpers the digest code shares; SIPCore avoids Foundation, so these are spelled out.
enum DigestText {
    /// Lower-cases ASCII letters only: tokens are ASCII, and Unicode case rules must not apply.
    static func asciiLowercased(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return text }
        return String(decoding: text.utf8.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    static func equalsIgnoringASCIICase(_ lhs: String, _ rhs: String) -> Bool {
        asciiLowercased(lhs) == asciiLowercased(rhs)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Lower-case hex, the only form RFC 7616 uses for digests.
    static func lowercaseHex(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `nc` as RFC 7616 §3.4 writes it: exactly 8 lower-case hex digits.
    static func nonceCount(_ count: UInt32) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(8)
        for shift in stride(from: 28, through: 0, by: -4) {
            out.append(hexDigits[Int((count >> UInt32(shift)) & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Compares two strings in time that depends only on their lengths, so a verifier does
    /// not leak how many leading characters of a response were right.
    static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8), right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices {
            difference |= left[index] ^ right[index]
        }
        return difference == 0
    }

    /// `value` as a quoted-string (RFC 3261 §25.1): `"` and `\` escaped. A control character
    /// (other than tab) cannot be written inside quotes without breaking the header line, so it
    /// is refused; `field` names the parameter in the error.
    static func quoted(_ value: String, field: String) throws(DigestSyntaxError) -> String {
        var out: [UInt8] = [0x22]
        out.reserveCapacity(value.utf8.count + 2)
        for (offset, byte) in value.utf8.enumerated() {
            switch byte {
            case 0x22, 0x5C:
                out.append(0x5C)
                out.append(byte)
            case 0x09:
                out.append(byte)
            case 0x00..<0x20, 0x7F:
                throw DigestSyntaxError(reason: "\(field) contains a control character", offset: offset)
            default:
                out.append(byte)
            }
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` without leading and trailing spaces and tabs (the OWS around list items).
    static func trimmingSpacesAndTabs(_ text: String) -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = text.firstIndex(where: { !isBlank($0) }),
              let last = text.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(text[first...last])
    }
}
