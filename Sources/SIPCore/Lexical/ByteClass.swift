/// Character classes of RFC 3261 §25.1 as 256-bit sets, so that the parser's inner loops
/// are a shift and a test per octet. The sets are constants (no lazy initialisation on
/// the hot path); each has a readable `…Definition` beside it, and a test checks that
/// the two agree for all 256 octets.
@usableFromInline
struct ByteClass: Sendable {
    @usableFromInline let w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64

    init(_ w0: UInt64, _ w1: UInt64, _ w2: UInt64, _ w3: UInt64) {
        (self.w0, self.w1, self.w2, self.w3) = (w0, w1, w2, w3)
    }

    /// Builds a set from a predicate (tests; the constants below are these, precomputed).
    init(_ members: (UInt8) -> Bool) {
        var w: [UInt64] = [0, 0, 0, 0]
        for b in 0...255 where members(UInt8(b)) { w[b >> 6] |= 1 << UInt64(b & 63) }
        self.init(w[0], w[1], w[2], w[3])
    }

    @inlinable @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        let low = byte < 64 ? w0 : w1
        let high = byte < 192 ? w2 : w3
        return ((byte < 128 ? low : high) >> UInt64(byte & 63)) & 1 != 0
    }

    static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isHexDigit(_ b: UInt8) -> Bool {
        isDigit(b) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x66)
    }

    /// token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
    static let token = ByteClass(0x03FF6CA200000000, 0x47FFFFFF87FFFFFE, 0x0000000000000000, 0x0000000000000000)
    static func tokenDefinition(_ b: UInt8) -> Bool {
        isAlpha(b) || isDigit(b) || "-.!%*_+`'~".utf8.contains(b)
    }
    /// word: token characters plus the separators a Call-ID may hold (§25.1 `word`).
    static let word = ByteClass(0xD7FFEFA600000000, 0x6FFFFFFFBFFFFFFE, 0x0000000000000000, 0x0000000000000000)
    static func wordDefinition(_ b: UInt8) -> Bool {
        token.contains(b) || "()<>:\\\"/[]?{}".utf8.contains(b)
    }
    /// Characters allowed unescaped in the user part of a SIP URI (unreserved / user-unreserved).
    static let user = ByteClass(0xABFFFFD200000000, 0x47FFFFFE87FFFFFE, 0x0000000000000000, 0x0000000000000000)
    static func userDefinition(_ b: UInt8) -> Bool {
        isAlpha(b) || isDigit(b) || "-_.!~*'()&=+$,;?/".utf8.contains(b)
    }
    /// Characters allowed unescaped in a URI password.
    static let password = ByteClass(0x23FF7FD200000000, 0x47FFFFFE87FFFFFE, 0x0000000000000000, 0x0000000000000000)
    static func passwordDefinition(_ b: UInt8) -> Bool {
        isAlpha(b) || isDigit(b) || "-_.!~*'()&=+$,".utf8.contains(b)
    }
    /// paramchar (unreserved / param-unreserved) of a URI parameter name or value.
    static let uriParam = ByteClass(0x07FFEFD200000000, 0x47FFFFFEAFFFFFFE, 0x0000000000000000, 0x0000000000000000)
    static func uriParamDefinition(_ b: UInt8) -> Bool {
        isAlpha(b) || isDigit(b) || "-_.!~*'()[]/:&+$".utf8.contains(b)
    }
    /// hnv-unreserved / unreserved of URI header names and values.
    static let uriHeader = ByteClass(0x87FFEF9200000000, 0x47FFFFFEAFFFFFFE, 0x0000000000000000, 0x0000000000000000)
    static func uriHeaderDefinition(_ b: UInt8) -> Bool {
        isAlpha(b) || isDigit(b) || "-_.!~*'()[]/?:+$".utf8.contains(b)
    }
    /// Characters of a hostname, IPv4 address, or (inside brackets) IPv6 reference.
    static let host = ByteClass(0x03FF600000000000, 0x07FFFFFE07FFFFFE, 0x0000000000000000, 0x0000000000000000)
    static func hostDefinition(_ b: UInt8) -> Bool {
        isAlpha(b) || isDigit(b) || "-.".utf8.contains(b)
    }
    /// uric of an absolute URI's opaque part (RFC 2396), used for unknown schemes.
    static let uric = ByteClass(0xAFFFFFFA00000000, 0x47FFFFFEAFFFFFFF, 0x0000000000000000, 0x0000000000000000)
    static func uricDefinition(_ b: UInt8) -> Bool {
        isAlpha(b) || isDigit(b) || ";/?:@&=+$,-_.!~*'()%[]#".utf8.contains(b)
    }
    /// Octets that may appear in a header value as text: everything but CR, LF, and
    /// the C0 controls other than HTAB (UTF-8 continuation octets are allowed).
    static let headerText = ByteClass(0xFFFFFFFF00000200, 0x7FFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF)
    static func headerTextDefinition(_ b: UInt8) -> Bool {
        b >= 0x20 && b != 0x7F || b == 0x09 || b >= 0x80 }
}

extension UInt8 {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let comma: UInt8 = 0x2C
    static let equals: UInt8 = 0x3D
    static let quote: UInt8 = 0x22
    static let backslash: UInt8 = 0x5C
    static let lessThan: UInt8 = 0x3C
    static let greaterThan: UInt8 = 0x3E
    static let slash: UInt8 = 0x2F
    static let at: UInt8 = 0x40
    static let percent: UInt8 = 0x25
    static let questionMark: UInt8 = 0x3F
    static let ampersand: UInt8 = 0x26
    static let leftBracket: UInt8 = 0x5B
    static let rightBracket: UInt8 = 0x5D

    var isWhitespace: Bool { self == .space || self == .tab }
    /// ASCII lower case; other octets unchanged.
    var asciiLowercased: UInt8 { (self >= 0x41 && self <= 0x5A) ? self | 0x20 : self }
}

extension StringProtocol {
    /// ASCII case-insensitive equality without allocating (header and parameter names).
    func equalsIgnoringASCIICase<Other: StringProtocol>(_ other: Other) -> Bool {
        // Native strings: compare the UTF-8 buffers directly (the iterators cost several
        // times more per octet).
        let contiguous: Bool?? = utf8.withContiguousStorageIfAvailable { a in
            other.utf8.withContiguousStorageIfAvailable { b in
                guard a.count == b.count else { return false }
                for index in 0..<a.count where a[index] != b[index] {
                    if a[index].asciiLowercased != b[index].asciiLowercased { return false }
    }
                return true
            }
        }
        if let result = contiguous ?? nil { return result }
        guard utf8.count == other.utf8.count else { return false }
        var a = utf8.makeIterator()
        var b = other.utf8.makeIterator()
        while true {
            switch (a.next(), b.next()) {
            case (nil, nil): return true
            case let (x?, y?) where x.asciiLowercased == y.asciiLowercased: continue
            default: return false
            }
        }
    }
}
