/// A `tel:` URI (RFC 3966): a global number (`tel:+1-201-555-0123`) or a local one
/// (`tel:7042;phone-context=example.com`), with parameters.
///
/// RFC 3966 requires `phone-context` on a local number; this type accepts a local number
/// without one (and keeps it as it is), since such URIs are seen in the wild.
/// `==` is structural; `isEquivalent(to:)` is the comparison of RFC 3966 §4.
public struct TelURI: Sendable, Hashable, CustomStringConvertible {
    /// The number as written, visual separators (`-` `.` `(` `)`) included, without the
    /// leading '+' of a global number.
    public var number: String
    /// A global number, written with a leading '+'.
    public var isGlobal: Bool
    /// `phone-context`, `ext`, `isub` and any other parameters, in order, unescaped.
    public var parameters: SIPParameters

    public init(number: String, isGlobal: Bool, parameters: SIPParameters = []) {
        self.number = number
        self.isGlobal = isGlobal
        self.parameters = parameters
    }

    /// Parses a whole `tel:` URI; nothing may surround it.
    public init(parsing text: String) throws(SIPParseError) {
        let bytes = Array(text.utf8)
        do throws(SIPSyntaxError) {
            let colon = try AnyURI.schemeEnd(bytes, in: 0..<bytes.count)
            guard AnyURI.scheme(bytes[0..<colon], is: "tel") else {
                throw SIPSyntaxError(
                    "expected a tel: URI but the scheme is '\(String(decoding: bytes[0..<colon], as: UTF8.self))'", at: 0)
            }
            self = try TelURI.parse(bytes, from: colon + 1, to: bytes.count)
        } catch {
            throw error.located(in: bytes)
        }
    }

    public var description: String {
        var out = isGlobal ? "tel:+" : "tel:"
        out += number
        for parameter in parameters {
            out += ";"
            PercentEncoding.encode(parameter.name, allowed: .uriParam, into: &out)
            if let value = parameter.value {
                out += "="
                PercentEncoding.encode(value, allowed: .uriParam, into: &out)
            }
        }
        return out
    }

    /// The number without visual separators (and without '+').
    public var digits: String { Self.removingVisualSeparators(number) }

    /// `phone-context`: a domain name or a global number prefix.
    public var phoneContext: String? { parameters["phone-context"] }
    /// `ext`: an extension.
    public var phoneExtension: String? { parameters["ext"] }
    /// `isub`: an ISDN subaddress.
    public var isdnSubaddress: String? { parameters["isub"] }

    /// RFC 3966 §4: both global or both local; numbers equal once visual separators are
    /// removed; the same parameter names, in any order; `phone-context` and `ext` compared
    /// without visual separators; all comparisons case-insensitive.
    public func isEquivalent(to other: TelURI) -> Bool {
        guard isGlobal == other.isGlobal,
              digits.equalsIgnoringASCIICase(other.digits),
              parameters.count == other.parameters.count else { return false }
        for parameter in parameters {
            guard let index = other.parameters.firstIndex(named: parameter.name) else { return false }
            let theirs = other.parameters[index].value
            switch (parameter.value, theirs) {
            case (nil, nil):
                continue
            case let (mine?, theirs?):
                let name = parameter.name
                if name.equalsIgnoringASCIICase("phone-context") || name.equalsIgnoringASCIICase("ext") {
                    guard Self.removingVisualSeparators(mine)
                        .equalsIgnoringASCIICase(Self.removingVisualSeparators(theirs)) else { return false }
                } else {
                    guard mine.equalsIgnoringASCIICase(theirs) else { return false }
                }
            default:
                return false
            }
        }
        return true
    }

    /// Parses what follows `tel:` up to `end`.
    static func parse(_ bytes: [UInt8], from start: Int, to end: Int) throws(SIPSyntaxError) -> TelURI {
        var scanner = ByteScanner(bytes, from: start, to: end)
        let isGlobal = scanner.consume(0x2B)
        let numberStart = scanner.position
        var sawDigit = false
        while let b = scanner.peek() {
            if isVisualSeparator(b) {
                scanner.advance()
            } else if ByteClass.isDigit(b) || (!isGlobal && (ByteClass.isHexDigit(b) || b == 0x2A || b == 0x23)) {
                sawDigit = true
                scanner.advance()
            } else {
                break
            }
        }
        guard sawDigit else {
            if let found = scanner.peek(), !isVisualSeparator(found) {
                throw scanner.error(isGlobal
                    ? "expected the digits of a global number after '+' but found \(ByteScanner.describe(found))"
                    : "expected a telephone number after 'tel:' but found \(ByteScanner.describe(found))")
            }
            throw SIPSyntaxError(
                isGlobal ? "a global number needs at least one digit after '+'" : "expected a telephone number after 'tel:'",
                at: numberStart)
        }
        let number = String(decoding: bytes[numberStart..<scanner.position], as: UTF8.self)

        var parameters: [SIPParameter] = []
        while scanner.consume(.semicolon) {
            // pname = 1*( alphanum / "-" )
            let nameStart = scanner.position
            while let b = scanner.peek(), ByteClass.isAlpha(b) || ByteClass.isDigit(b) || b == 0x2D { scanner.advance() }
            guard scanner.position > nameStart else {
                if let found = scanner.peek(), found != .semicolon {
                    throw scanner.error("expected a parameter name after ';' in a tel URI but found \(ByteScanner.describe(found))")
                }
                throw scanner.error("empty parameter in a tel URI: nothing between ';' and what follows")
            }
            var parameter = SIPParameter(name: String(decoding: bytes[nameStart..<scanner.position], as: UTF8.self))
            if scanner.consume(.equals) {
                guard let value = try scanner.scanEscapedRun(.uriParam, "tel URI parameter value") else {
                    throw scanner.error("expected a value after '=' in tel URI parameter '\(parameter.name)'")
                }
                parameter.value = PercentEncoding.decode(bytes, value.range, escaped: value.escaped)
            }
            if parameters.isEmpty { parameters.reserveCapacity(4) }
            parameters.append(parameter)
        }
        if let found = scanner.peek() {
            throw scanner.error(parameters.isEmpty
                ? "\(ByteScanner.describe(found)) is not allowed in a telephone number"
                : "\(ByteScanner.describe(found)) is not allowed in a tel URI parameter")
        }
        return TelURI(number: number, isGlobal: isGlobal, parameters: SIPParameters(parameters))
    }

    /// visual-separator = "-" / "." / "(" / ")"
    static func isVisualSeparator(_ b: UInt8) -> Bool { b == 0x2D || b == 0x2E || b == 0x28 || b == 0x29 }

    static func removingVisualSeparators(_ text: String) -> String {
        guard text.utf8.contains(where: isVisualSeparator) else { return text }
        return String(decoding: text.utf8.filter { !isVisualSeparator($0) }, as: UTF8.self)
    }
}
