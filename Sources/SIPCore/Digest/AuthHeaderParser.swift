/// Reads the value of WWW-Authenticate, Proxy-Authenticate, Authorization and
/// Proxy-Authorization: `auth-scheme [ 1*SP ( token68 / #auth-param ) ]`, comma-separated
/// (RFC 7235 §2.1, §4.1; RFC 3261 §25.1 for LWS). Whitespace is SP, HTAB, or a header fold
/// (CRLF followed by SP or HTAB). Works on the UTF-8 octets so that error offsets are octets.
struct AuthHeaderParser {
    /// One challenge or one set of credentials, before it is given its public type.
    struct Item {
        var scheme: String
        var token68: String?
        var parameters: [AuthParameter]
    }

    private let bytes: [UInt8]
    private var position = 0
    private let allowsMissingCommas: Bool

    /// `allowsMissingCommas` accepts `a="x" b="y"` (a parameter that follows the previous one
    /// after whitespace, without a comma), as printed in RFC 3665 §2.1 F3. Off by default.
    init(_ value: String, allowsMissingCommas: Bool = false) {
        self.bytes = Array(value.utf8)
        self.allowsMissingCommas = allowsMissingCommas
    }

    /// A comma-separated list of challenges, in order; empty list elements are skipped
    /// (RFC 7230 §7). At least one challenge is required.
    mutating func parseList() throws(DigestSyntaxError) -> [Item] {
        var items: [Item] = []
        while true {
            try skipEmptyListElements()
            if atEnd { break }
            items.append(try parseItem())
        }
        if items.isEmpty {
            throw DigestSyntaxError(reason: "empty header value: expected an authentication scheme", offset: position)
        }
        return items
    }

    /// Exactly one scheme with its parameters (credentials: RFC 7235 §4.2 allows one per value).
    mutating func parseSingle() throws(DigestSyntaxError) -> Item {
        try skipWhitespace()
        if atEnd {
            throw DigestSyntaxError(reason: "empty header value: expected an authentication scheme", offset: position)
        }
        let item = try parseItem()
        try skipEmptyListElements()
        if !atEnd {
            throw DigestSyntaxError(reason: "unexpected second scheme: one set of credentials per header value", offset: position)
        }
        return item
    }

    // MARK: - Grammar

    private mutating func parseItem() throws(DigestSyntaxError) -> Item {
        guard let scheme = readToken() else {
            throw DigestSyntaxError(reason: "expected an authentication scheme", offset: position)
        }
        var item = Item(scheme: scheme, token68: nil, parameters: [])
        let hadSpace = try skipWhitespace()
        if atEnd { return item }
        if bytes[position] == Byte.comma {
            position += 1
            return item
        }
        guard hadSpace else {
            throw DigestSyntaxError(reason: "expected a space after the scheme '\(scheme)'", offset: position)
        }
        // RFC 7616 gives Digest auth-params only; reading `realm=` as a token68 would hide
        // a missing value behind a confusing error.
        if !DigestText.equalsIgnoringASCIICase(scheme, "Digest"), let token68 = readToken68() {
            item.token68 = token68
            return item
        }
        try parseParameters(into: &item.parameters)
        return item
    }

    /// Parameters up to the end of the value or up to the scheme of the next challenge.
    private mutating func parseParameters(into parameters: inout [AuthParameter]) throws(DigestSyntaxError) {
        while true {
            let nameOffset = position
            guard let name = readToken() else {
                throw DigestSyntaxError(reason: "expected a parameter name", offset: position)
            }
            try skipWhitespace()
            guard !atEnd, bytes[position] == Byte.equals else {
                throw DigestSyntaxError(reason: "expected '=' after parameter name '\(name)'", offset: position)
            }
            position += 1
            try skipWhitespace()
            let value: String
            if atEnd {
                throw DigestSyntaxError(reason: "missing value for parameter '\(name)'", offset: position)
            } else if bytes[position] == Byte.quote {
                value = try readQuotedString()
            } else if let token = readToken() {
                value = token
            } else {
                throw DigestSyntaxError(
                    reason: "expected a token or a quoted string as the value of '\(name)'", offset: position)
            }
            if parameters.value(named: name) != nil {
                throw DigestSyntaxError(reason: "duplicate parameter '\(name)'", offset: nameOffset)
            }
            parameters.append(AuthParameter(name: name, value: value))

            let hadSpace = try skipWhitespace()
            if atEnd { return }
            if bytes[position] == Byte.comma {
                position += 1
                try skipEmptyListElements()
                if atEnd { return }
                // The next challenge starts here unless a parameter does; what is neither is
                // read as a parameter, so that the error names what is missing (`=`).
                if !parameterFollows() && challengeFollows() { return }
                continue
            }
            if allowsMissingCommas && hadSpace && parameterFollows() { continue }
            throw DigestSyntaxError(reason: "expected ',' after the value of '\(name)'", offset: position)
        }
    }

    /// Whether `token BWS "="` starts here: a parameter of the current challenge rather than
    /// the scheme of the next one (a scheme is followed by a space, a comma or the end).
    private func parameterFollows() -> Bool {
        var index = position
        while index < bytes.count, Byte.isTokenChar(bytes[index]) { index += 1 }
        guard index > position else { return false }
        index = whitespaceEnd(from: index)
        return index < bytes.count && bytes[index] == Byte.equals
    }

    /// Whether a challenge starts here: a scheme followed by the end, a comma, or whitespace and
    /// then a token68 or a parameter.
    private func challengeFollows() -> Bool {
        var index = position
        while index < bytes.count, Byte.isTokenChar(bytes[index]) { index += 1 }
        guard index > position else { return false }
        if index == bytes.count || bytes[index] == Byte.comma { return true }
        let afterSpace = whitespaceEnd(from: index)
        guard afterSpace > index else { return false }
        if afterSpace == bytes.count || bytes[afterSpace] == Byte.comma { return true }
        index = afterSpace
        while index < bytes.count, Byte.isToken68Char(bytes[index]) { index += 1 }
        if index > afterSpace {
            while index < bytes.count, bytes[index] == Byte.equals { index += 1 }
            index = whitespaceEnd(from: index)
            if index == bytes.count || bytes[index] == Byte.comma { return true }
        }
        index = afterSpace
        while index < bytes.count, Byte.isTokenChar(bytes[index]) { index += 1 }
        guard index > afterSpace else { return false }
        index = whitespaceEnd(from: index)
        return index < bytes.count && bytes[index] == Byte.equals
    }

    /// A token68 (RFC 7235 §2.1) when it is the whole of this challenge, as in
    /// `Negotiate YII/xw==`; otherwise nothing is consumed.
    private mutating func readToken68() -> String? {
        let start = position
        var index = position
        while index < bytes.count, Byte.isToken68Char(bytes[index]) { index += 1 }
        guard index > start else { return nil }
        while index < bytes.count, bytes[index] == Byte.equals { index += 1 }
        let end = index
        index = whitespaceEnd(from: index)
        guard index == bytes.count || bytes[index] == Byte.comma else { return nil }
        position = index == bytes.count ? index : index + 1
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private mutating func readToken() -> String? {
        let start = position
        while position < bytes.count, Byte.isTokenChar(bytes[position]) { position += 1 }
        guard position > start else { return nil }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// A quoted-string starting at `"`; quoted-pairs unescaped, a fold read as one space.
    private mutating func readQuotedString() throws(DigestSyntaxError) -> String {
        let open = position
        position += 1
        var value: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case Byte.quote:
                position += 1
                return String(decoding: value, as: UTF8.self)
            case Byte.backslash:
                guard position + 1 < bytes.count else {
                    throw DigestSyntaxError(reason: "unterminated quoted string", offset: open)
                }
                let escaped = bytes[position + 1]
                if escaped == Byte.cr || escaped == Byte.lf {
                    throw DigestSyntaxError(reason: "a line break cannot be escaped in a quoted string", offset: position + 1)
                }
                value.append(escaped)
                position += 2
            case Byte.cr, Byte.lf:
                let end = foldEnd(at: position)
                guard end > position else {
                    throw DigestSyntaxError(reason: "line break inside a quoted string", offset: position)
                }
                value.append(Byte.space)
                position = end
            case Byte.tab:
                value.append(byte)
                position += 1
            case 0x00..<0x20, 0x7F:
                throw DigestSyntaxError(reason: "control character inside a quoted string", offset: position)
            default:
                value.append(byte)
                position += 1
            }
        }
        throw DigestSyntaxError(reason: "unterminated quoted string", offset: open)
    }

    // MARK: - Whitespace

    private var atEnd: Bool { position >= bytes.count }

    /// Skips SP, HTAB and folds; returns whether anything was skipped. A CR or LF that does not
    /// start a fold ends the header line, which cannot happen inside one value: an error.
    @discardableResult
    private mutating func skipWhitespace() throws(DigestSyntaxError) -> Bool {
        let start = position
        position = whitespaceEnd(from: position)
        if position < bytes.count, bytes[position] == Byte.cr || bytes[position] == Byte.lf {
            throw DigestSyntaxError(reason: "line break not followed by a space or tab (not a header fold)", offset: position)
        }
        return position > start
    }

    /// Skips whitespace and commas between list elements.
    private mutating func skipEmptyListElements() throws(DigestSyntaxError) {
        while true {
            try skipWhitespace()
            guard position < bytes.count, bytes[position] == Byte.comma else { return }
            position += 1
        }
    }

    private func whitespaceEnd(from start: Int) -> Int {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Byte.space || byte == Byte.tab {
                index += 1
            } else {
                let end = foldEnd(at: index)
                if end == index { break }
                index = end
            }
        }
        return index
    }

    /// The end of a fold (CRLF followed by at least one SP/HTAB, and those spaces) at `index`,
    /// or `index` itself when there is none.
    private func foldEnd(at index: Int) -> Int {
        guard index + 2 < bytes.count,
              bytes[index] == Byte.cr, bytes[index + 1] == Byte.lf,
              bytes[index + 2] == Byte.space || bytes[index + 2] == Byte.tab
        else { return index }
        var end = index + 2
        while end < bytes.count, bytes[end] == Byte.space || bytes[end] == Byte.tab { end += 1 }
        return end
    }
}

/// The octets the grammar names.
private enum Byte {
    static let tab: UInt8 = 0x09
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let comma: UInt8 = 0x2C
    static let equals: UInt8 = 0x3D
    static let backslash: UInt8 = 0x5C

    /// RFC 7230 tchar (a superset of RFC 3261's token characters).
    static func isTokenChar(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            true
        default: false
        }
    }

    /// RFC 7235 token68 characters, before the trailing `=` padding.
    static func isToken68Char(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"),
             UInt8(ascii: "+"), UInt8(ascii: "/"):
            true
        default: false
        }
    }
}
