/// Any URI a SIP message may carry (RFC 3261 §25.1 `Request-URI`, `addr-spec`):
/// SIP and SIPS URIs, tel URIs (RFC 3966), and every other scheme kept verbatim.
public enum AnyURI: Sendable, Hashable, CustomStringConvertible {
    case sip(SIPURI)
    case tel(TelURI)
    case other(AbsoluteURI)

    /// Parses a whole URI; nothing may surround it.
    public init(parsing text: String) throws(SIPParseError) {
        let bytes = Array(text.utf8)
        do {
            self = try AnyURI.parse(bytes, in: 0..<bytes.count)
        } catch {
            throw error.located(in: bytes)
        }
    }

    public var description: String {
        switch self {
        case .sip(let uri): uri.description
        case .tel(let uri): uri.description
        case .other(let uri): uri.description
        }
    }

    /// The scheme in lower case for SIP and tel (`sip`, `sips`, `tel`), as written otherwise.
    public var scheme: String {
        switch self {
        case .sip(let uri): uri.isSecure ? "sips" : "sip"
        case .tel: "tel"
        case .other(let uri): uri.scheme
        }
    }

    /// The SIP or SIPS URI, if this is one.
    public var sipURI: SIPURI? {
        if case .sip(let uri) = self { return uri }
        return nil
    }

    /// Equivalence by each scheme's own rules: RFC 3261 §19.1.4 for SIP, RFC 3966 §4 for
    /// tel; other schemes compare the scheme case-insensitively and the rest exactly.
    /// URIs of different schemes are never equivalent.
    public func isEquivalent(to other: AnyURI) -> Bool {
        switch (self, other) {
        case let (.sip(a), .sip(b)): a.isEquivalent(to: b)
        case let (.tel(a), .tel(b)): a.isEquivalent(to: b)
        case let (.other(a), .other(b)):
            a.scheme.equalsIgnoringASCIICase(b.scheme) && a.schemeSpecificPart == b.schemeSpecificPart
        default: false
        }
    }

    /// Parses the URI that fills `range` exactly (the caller has cut off any surrounding
    /// white space, angle brackets or header parameters).
    static func parse(_ bytes: [UInt8], in range: Range<Int>) throws(SIPSyntaxError) -> AnyURI {
        let colon = try schemeEnd(bytes, in: range)
        let scheme = bytes[range.lowerBound..<colon]
        if Self.scheme(scheme, is: "sip") {
            return .sip(try SIPURI.parse(bytes, from: colon + 1, to: range.upperBound, isSecure: false))
        }
        if Self.scheme(scheme, is: "sips") {
            return .sip(try SIPURI.parse(bytes, from: colon + 1, to: range.upperBound, isSecure: true))
        }
        if Self.scheme(scheme, is: "tel") {
            return .tel(try TelURI.parse(bytes, from: colon + 1, to: range.upperBound))
        }
        return .other(try AbsoluteURI.parse(bytes, schemeEnd: colon, in: range))
    }

    /// The offset of the ':' that ends the scheme at the start of `range`:
    /// scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
    static func schemeEnd(_ bytes: [UInt8], in range: Range<Int>) throws(SIPSyntaxError) -> Int {
        guard !range.isEmpty else {
            throw SIPSyntaxError("expected a URI but found nothing", at: range.lowerBound)
        }
        guard ByteClass.isAlpha(bytes[range.lowerBound]) else {
            throw SIPSyntaxError(
                "expected a URI beginning with a scheme such as 'sip:' but found \(ByteScanner.describe(bytes[range.lowerBound]))",
                at: range.lowerBound)
        }
        var index = range.lowerBound + 1
        while index < range.upperBound {
            let b = bytes[index]
            if b == .colon { return index }
            guard ByteClass.isAlpha(b) || ByteClass.isDigit(b) || b == 0x2B || b == 0x2D || b == 0x2E else {
                throw SIPSyntaxError(
                    "\(ByteScanner.describe(b)) is not allowed in a URI scheme; a URI begins with a scheme such as 'sip:'",
                    at: index)
            }
            index += 1
        }
        throw SIPSyntaxError("expected a URI beginning with a scheme such as 'sip:' but found no ':'", at: range.lowerBound)
    }

    /// Case-insensitive comparison of a scheme with a lower-case name, without allocating.
    static func scheme(_ scheme: ArraySlice<UInt8>, is name: StaticString) -> Bool {
        guard scheme.count == name.utf8CodeUnitCount else { return false }
        return name.withUTF8Buffer { expected in
            var index = scheme.startIndex
            for b in expected {
                if scheme[index].asciiLowercased != b { return false }
                index += 1
            }
            return true
        }
    }
}
