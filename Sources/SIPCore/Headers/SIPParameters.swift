/// One `;name=value` parameter of a header or URI. `value` is nil for a bare `;lr`.
public struct SIPParameter: Sendable, Hashable {
    public var name: String
    public var value: String?
    /// Whether the value was (or should be) written as a quoted-string.
    public var isQuoted: Bool

    public init(name: String, value: String? = nil, isQuoted: Bool = false) {
        self.name = name
        self.value = value
        self.isQuoted = isQuoted
    }

    var serialized: String {
        guard let value else { return name }
        if isQuoted {
            return "\(name)=\"\(SIPParameters.escapeQuoted(value))\""
        }
        return "\(name)=\(value)"
    }
}

/// An ordered parameter list. Names compare case-insensitively (RFC 3261 §7.3.1);
/// order and spelling are kept so a header built from it reads as it was written.
public struct SIPParameters: Sendable, Hashable, RandomAccessCollection, ExpressibleByArrayLiteral {
    public private(set) var elements: [SIPParameter]

    public init(_ elements: [SIPParameter] = []) { self.elements = elements }
    public init(arrayLiteral elements: SIPParameter...) { self.elements = elements }

    public var startIndex: Int { elements.startIndex }
    public var endIndex: Int { elements.endIndex }
    public subscript(position: Int) -> SIPParameter { elements[position] }

    public func firstIndex(named name: String) -> Int? {
        elements.firstIndex { $0.name.equalsIgnoringASCIICase(name) }
    }

    public func contains(_ name: String) -> Bool { firstIndex(named: name) != nil }

    /// The value of the first parameter called `name`; nil when absent or valueless.
    public subscript(name: String) -> String? {
        guard let index = firstIndex(named: name) else { return nil }
        return elements[index].value
    }

    /// Sets (replacing the first of that name) or appends a parameter.
    public mutating func set(_ name: String, _ value: String?, quoted: Bool = false) {
        let parameter = SIPParameter(name: name, value: value, isQuoted: quoted)
        if let index = firstIndex(named: name) {
            elements[index] = parameter
        } else {
            elements.append(parameter)
        }
    }

    public mutating func remove(_ name: String) {
        elements.removeAll { $0.name.equalsIgnoringASCIICase(name) }
    }

    /// `;a=b;c` — empty when there are none.
    public var serialized: String {
        var out = ""
        for parameter in elements {
            out += ";"
            out += parameter.serialized
        }
        return out
    }

    static func escapeQuoted(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == .quote || $0 == .backslash }) else { return text }
        var out = ""
        for character in text {
            if character == "\"" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out
    }
}

extension ByteScanner {
    /// An IPv6 address written without brackets (hex digits, ':' and '.', at least two
    /// colons), or nil with nothing consumed.
    mutating func scanBareIPv6() -> String? {
        var index = position
        var colons = 0
        while index < end, ByteClass.isHexDigit(bytes[index]) || bytes[index] == .colon || bytes[index] == 0x2E {
            if bytes[index] == .colon { colons += 1 }
            index += 1
        }
        guard colons >= 2 else { return nil }
        let text = string(position..<index)
        position = index
        return text
    }

    /// Reads `*( SEMI generic-param )` of a header value (§25.1): token names, values that
    /// are tokens, hosts (including `[IPv6]`) or quoted strings, white space around `;`
    /// and `=`. Stops before anything that is not `;` (a comma, the end).
    mutating func scanHeaderParameters() throws(SIPSyntaxError) -> SIPParameters {
        var parameters: [SIPParameter] = []
        while consumeSeparator(.semicolon) {
            guard let name = scanToken() else {
                guard let found = peek() else { throw error("empty parameter: nothing follows ';'") }
                if found == .semicolon || found == .comma {
                    throw error("empty parameter: nothing between ';' and \(Self.describe(found))")
                }
                throw error("expected a parameter name after ';' but found \(Self.describe(found))")
            }
            var parameter = SIPParameter(name: string(name))
            if consumeSeparator(.equals) {
                if peek() == .quote {
                    parameter.value = try scanQuotedString()
                    parameter.isQuoted = true
                } else if peek() == .leftBracket {
                    let start = position
                    while let b = peek(), b != .rightBracket, ByteClass.isHexDigit(b) || b == .colon || b == .leftBracket || b == 0x2E {
                        advance()
                    }
                    try expect(.rightBracket, "']' closing an IPv6 reference")
                    parameter.value = string(start..<position)
                } else if parameter.name.equalsIgnoringASCIICase("received"), let address = scanBareIPv6() {
                    // Via's received takes an IPv6address without brackets (§20.42).
                    parameter.value = address
                } else {
                    let value = try requireToken("a value for parameter '\(parameter.name)'")
                    parameter.value = string(value)
                }
            }
            if parameters.isEmpty { parameters.reserveCapacity(4) }   // one allocation, not a growth per append
            parameters.append(parameter)
        }
        return SIPParameters(parameters)
    }
}
