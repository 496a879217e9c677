private let asterisk: UInt8 = 0x2A

/// One value of a Contact header field (RFC 3261 §20.10): `*` (in a REGISTER, all
/// bindings) or an address with its `q` and `expires` parameters.
public enum SIPContact: Sendable, Hashable, CustomStringConvertible {
    case wildcard
    case address(SIPNameAddress)

    public var description: String {
        switch self {
        case .wildcard: "*"
        case .address(let address): address.description
        }
    }

    /// The address; nil for `*`.
    public var address: SIPNameAddress? {
        if case .address(let address) = self { return address }
        return nil
    }

    /// The `q` preference (§20.10, `qvalue` of §25.1) in thousandths, 0…1000, so that
    /// contacts sort exactly (`q=0.7` is 700). nil when absent, or when not a valid qvalue
    /// (which `parseList` rejects, so only a value built by hand can be invalid).
    public var qValue: Int? {
        guard let text = address?.parameters["q"] else { return nil }
        return Self.parseQValue(text)
    }

    /// `qValue` as a fraction, 0.0…1.0.
    public var q: Double? { qValue.map { Double($0) / 1000 } }

    /// The `expires` parameter in seconds (delta-seconds, at most 2³²−1). nil when absent,
    /// or when not such a number (which `parseList` rejects).
    public var expires: UInt32? {
        guard let text = address?.parameters["expires"] else { return nil }
        return Self.parseDeltaSeconds(text)
    }

    /// A whole Contact header value: `*`, or one or more comma-separated addresses. Each
    /// address's `q` must be a qvalue and its `expires` a number of seconds below 2³²;
    /// otherwise the error names the value's first octet.
    static func parseList(_ scanner: inout ByteScanner) throws(SIPSyntaxError) -> [SIPContact] {
        scanner.skipLWS()
        if scanner.peek() == asterisk {
            var probe = scanner
            probe.advance()
            probe.skipLWS()
            if probe.isAtEnd {
                scanner = probe
                return [.wildcard]
            }
            if probe.peek() == .comma {
                throw scanner.error("the wildcard '*' must be the only Contact value")
            }
            if probe.peek() == .semicolon {
                throw probe.error("the wildcard '*' takes no parameters (use the Expires header)")
            }
            // Otherwise '*' begins a display name (it is a token character).
        }
        if scanner.isAtEnd {
            throw scanner.error("expected '*' or an address in the Contact value but it is empty")
        }
        var contacts: [SIPContact] = []
        while true {
            var parametersStart = 0
            let address = try SIPNameAddress.parseEntry(&scanner, parametersStart: &parametersStart)
            if !address.parameters.isEmpty {
                try validate(address.parameters, scanner.bytes, parametersFrom: parametersStart, to: scanner.position)
            }
            contacts.append(.address(address))
            guard try SIPNameAddress.consumeListComma(&scanner) else { return contacts }
            if scanner.peek() == asterisk {
                var probe = scanner
                probe.advance()
                probe.skipLWS()
                if probe.isAtEnd || probe.peek() == .comma {
                    throw scanner.error("the wildcard '*' must be the only Contact value")
                }
            }
        }
    }

    private static func validate(
        _ parameters: SIPParameters, _ bytes: [UInt8], parametersFrom start: Int, to end: Int
    ) throws(SIPSyntaxError) {
        if let index = parameters.firstIndex(named: "q") {
            guard let text = parameters[index].value, parseQValue(text) != nil else {
                throw SIPSyntaxError(
                    "q must be a number from 0 to 1 with at most three decimals, such as 0.5",
                    at: valueOffset(of: "q", bytes, from: start, to: end))
            }
        }
        if let index = parameters.firstIndex(named: "expires") {
            guard let text = parameters[index].value, parseDeltaSeconds(text) != nil else {
                throw SIPSyntaxError(
                    "expires must be a number of seconds from 0 to 4294967295",
                    at: valueOffset(of: "expires", bytes, from: start, to: end))
            }
        }
    }

    /// Where the value of the first parameter `name` begins (its name when it has no
    /// value). Only on the error path: it walks the parameters once more.
    private static func valueOffset(of name: String, _ bytes: [UInt8], from start: Int, to end: Int) -> Int {
        var scanner = ByteScanner(bytes, from: start, to: end)
        while scanner.consumeSeparator(.semicolon) {
            guard let nameRange = scanner.scanToken() else { break }
            let matches = scanner.string(nameRange).equalsIgnoringASCIICase(name)
            guard scanner.consumeSeparator(.equals) else {
                if matches { return nameRange.lowerBound }
                continue
            }
            if matches { return scanner.position }
            if scanner.peek() == .quote {
                guard (try? scanner.scanQuotedString()) != nil else { break }
            } else {
                while let b = scanner.peek(), b != .semicolon, b != .comma, !b.isWhitespace, b != .cr, b != .lf {
                    scanner.advance()
                }
            }
        }
        return start
    }

    /// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ), in thousandths.
    static func parseQValue(_ text: String) -> Int? {
        var bytes = text.utf8.makeIterator()
        guard let unit = bytes.next(), unit == 0x30 || unit == 0x31 else { return nil }
        var value = unit == 0x31 ? 1000 : 0
        guard let dot = bytes.next() else { return value }
        guard dot == 0x2E else { return nil }
        var scale = 100
        while let digit = bytes.next() {
            guard ByteClass.isDigit(digit), scale > 0 else { return nil }
            value += Int(digit - 0x30) * scale
            scale /= 10
        }
        return value <= 1000 ? value : nil
    }

    /// delta-seconds = 1*DIGIT, at most 2³²−1.
    static func parseDeltaSeconds(_ text: String) -> UInt32? {
        guard !text.isEmpty else { return nil }
        var value: UInt32 = 0
        for b in text.utf8 {
            guard ByteClass.isDigit(b) else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt32(b - 0x30))
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        return value
    }
}
