/// An address of From, To, Route, Record-Route, Reply-To, or one Contact entry
/// (RFC 3261 §20.10, §25.1):
///
///     name-addr = [ display-name ] "<" URI ">"   — "Alice" <sip:alice@atlanta.com;transport=tcp>
///     addr-spec = URI                             — sip:alice@atlanta.com
///
/// followed by header parameters (`;tag=…`, `;q=…`, `;expires=…`). In the name-addr form
/// the URI keeps its own `;parameters` and `?headers`; in the addr-spec form everything
/// after the first ';' is a header parameter, and a URI with '?' must be in brackets.
public struct SIPNameAddress: Sendable, Hashable, CustomStringConvertible {
    /// The display name, unquoted and with quoted-pairs resolved; nil when absent.
    /// A token display name (`Bell Alexander <…>`) keeps its words, one space apart.
    public var displayName: String?
    public var uri: AnyURI
    /// The header parameters (tag, q, expires, …), not the URI's.
    public var parameters: SIPParameters
    /// Written as name-addr (`<…>`) rather than addr-spec.
    public var usesAngleBrackets: Bool

    public init(displayName: String? = nil, uri: AnyURI, parameters: SIPParameters = [], usesAngleBrackets: Bool = true) {
        self.displayName = displayName
        self.uri = uri
        self.parameters = parameters
        self.usesAngleBrackets = usesAngleBrackets
    }

    /// Parses one whole address with its parameters (a From or To value, say).
    public init(parsing text: String) throws(SIPParseError) {
        let bytes = Array(text.utf8)
        var scanner = ByteScanner(bytes)
        do throws(SIPSyntaxError) {
            self = try SIPNameAddress.parse(&scanner)
            if !scanner.isAtEnd {
                throw scanner.error("expected one address but found ',' and more after it")
            }
        } catch {
            throw error.located(in: bytes)
        }
    }

    /// The `tag` header parameter (RFC 3261 §19.3).
    public var tag: String? { parameters["tag"] }

    /// Canonical text: `"Display" <uri>;params`. The URI is in brackets when there is a
    /// display name, when it was written so, and always when it holds ';', ',' or '?'
    /// (RFC 3261 §20). The display name is always quoted.
    public var description: String {
        var out = ""
        let uriText = uri.description
        if let displayName {
            Self.appendQuoted(displayName, to: &out)
            out += " "
        }
        if displayName != nil || usesAngleBrackets
            || uriText.utf8.contains(where: { $0 == .semicolon || $0 == .comma || $0 == .questionMark }) {
            out += "<"
            out += uriText
            out += ">"
        } else {
            out += uriText
        }
        out += parameters.serialized
        return out
    }

    /// Writes `text` as a quoted-string: '"' and '\' and the control octets that qdtext
    /// excludes become quoted-pairs. CR and LF cannot be written at all (a quoted-pair may
    /// not hold them) and become spaces.
    static func appendQuoted(_ text: String, to out: inout String) {
        out += "\""
        if !text.utf8.contains(where: { $0 == .quote || $0 == .backslash || ($0 < 0x20 && $0 != .tab) || $0 == 0x7F }) {
            out += text
        } else {
            for scalar in text.unicodeScalars {
                switch scalar.value {
                case 0x0D, 0x0A:
                    out.unicodeScalars.append(" ")
                case 0x22, 0x5C, 0x00...0x08, 0x0B...0x1F, 0x7F:
                    out.unicodeScalars.append("\\")
                    out.unicodeScalars.append(scalar)
                default:
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

extension SIPNameAddress {
    /// Reads one address and its header parameters from `scanner.position` (white space
    /// and line folds allowed before it). Stops before a top-level ',' (leaving the
    /// scanner on it) or at the end; anything else after the address is an error.
    static func parse(_ scanner: inout ByteScanner) throws(SIPSyntaxError) -> SIPNameAddress {
        var parametersStart = 0
        return try parseEntry(&scanner, parametersStart: &parametersStart)
    }

    /// A comma-separated list of at least one address (Route, Record-Route).
    static func parseList(_ scanner: inout ByteScanner) throws(SIPSyntaxError) -> [SIPNameAddress] {
        var list: [SIPNameAddress] = []
        while true {
            list.append(try parse(&scanner))
            guard try consumeListComma(&scanner) else { return list }
        }
    }

    /// After a list element: false at the end; true having consumed a ',' that is followed
    /// by another element. An empty element (`a,,b`) or a trailing ',' is an error.
    static func consumeListComma(_ scanner: inout ByteScanner) throws(SIPSyntaxError) -> Bool {
        guard !scanner.isAtEnd else { return false }
        let comma = scanner.position
        scanner.advance()   // parse() stopped on the ','
        scanner.skipLWS()
        if scanner.isAtEnd {
            throw SIPSyntaxError("expected another address after ',' but the value ended", at: comma)
        }
        if scanner.peek() == .comma {
            throw scanner.error("empty element in the list: ',' follows ','")
        }
        return true
    }

    /// `parse`, also telling where the header parameters began (for errors about them).
    static func parseEntry(
        _ scanner: inout ByteScanner, parametersStart: inout Int
    ) throws(SIPSyntaxError) -> SIPNameAddress {
        scanner.skipLWS()
        guard let first = scanner.peek() else {
            throw scanner.error("expected an address but the value is empty")
        }
        var displayName: String? = nil
        let uri: AnyURI
        let usesAngleBrackets: Bool
        switch first {
        case .quote:
            displayName = try scanner.scanQuotedString()
            scanner.skipLWS()
            guard scanner.peek() == .lessThan else {
                if let found = scanner.peek() {
                    throw scanner.error("expected '<' after the quoted display name but found \(ByteScanner.describe(found))")
                }
                throw scanner.error("expected '<' and a URI after the quoted display name but the value ended")
            }
            uri = try scanAngleBracketedURI(&scanner)
            usesAngleBrackets = true
        case .lessThan:
            uri = try scanAngleBracketedURI(&scanner)
            usesAngleBrackets = true
        case _ where ByteClass.token.contains(first):
            // A token straight before ':' is a URI scheme (addr-spec); tokens that are not
            // are the words of a display name, which must be followed by '<'.
            var probe = scanner
            _ = probe.scanToken()
            if probe.peek() == .colon {
                uri = try scanAddrSpec(&scanner)
                usesAngleBrackets = false
            } else {
                displayName = try scanTokenDisplayName(&scanner)
                uri = try scanAngleBracketedURI(&scanner)
                usesAngleBrackets = true
            }
        default:
            throw scanner.error("expected an address (a URI, '<', or a display name) but found \(ByteScanner.describe(first))")
        }

        parametersStart = scanner.position
        let parameters = try scanner.scanHeaderParameters()
        scanner.skipLWS()
        if let found = scanner.peek(), found != .comma {
            throw scanner.error(usesAngleBrackets
                ? "\(ByteScanner.describe(found)) cannot follow the address; only ';parameters' may follow '>'"
                : "\(ByteScanner.describe(found)) cannot follow the address; only ';parameters' may follow the URI")
        }
        return SIPNameAddress(displayName: displayName, uri: uri, parameters: parameters,
                              usesAngleBrackets: usesAngleBrackets)
    }

    /// `"<" URI ">"` at the scanner (on the '<'); white space inside the brackets is
    /// tolerated around the URI. The URI runs to the first '>' (a URI holds no unescaped
    /// '>'); anything in it that a URI may not hold, white space included, is reported by
    /// the URI's own parser at its octet.
    private static func scanAngleBracketedURI(_ scanner: inout ByteScanner) throws(SIPSyntaxError) -> AnyURI {
        scanner.advance()   // '<'
        scanner.skipLWS()
        let start = scanner.position
        let bytes = scanner.bytes
        var close = start
        while close < scanner.end && bytes[close] != .greaterThan { close += 1 }
        guard close < scanner.end else {
            // Say where the URI stopped making sense, if it did, rather than only that '>' is missing.
            var probe = start
            while probe < scanner.end, !(bytes[probe].isWhitespace || bytes[probe] == .cr || bytes[probe] == .lf) {
                probe += 1
            }
            var rest = ByteScanner(bytes, from: probe, to: scanner.end)
            rest.skipLWS()
            if let found = rest.peek() {
                throw rest.error("expected '>' closing the URI but found \(ByteScanner.describe(found))")
            }
            throw SIPSyntaxError("expected '>' closing the URI but the value ended", at: scanner.end)
        }
        var end = close
        while end > start && (bytes[end - 1].isWhitespace || bytes[end - 1] == .cr || bytes[end - 1] == .lf) { end -= 1 }
        guard end > start else {
            throw SIPSyntaxError("expected a URI between '<' and '>'", at: start)
        }
        scanner.position = close + 1
        return try AnyURI.parse(bytes, in: start..<end)
    }

    /// An addr-spec: the URI runs to white space, ',' or ';' (the header parameters).
    private static func scanAddrSpec(_ scanner: inout ByteScanner) throws(SIPSyntaxError) -> AnyURI {
        let bytes = scanner.bytes
        let start = scanner.position
        var index = start
        while index < scanner.end {
            let b = bytes[index]
            if b == .semicolon || b == .questionMark || b == .comma || b == .space || b == .tab || b == .cr || b == .lf {
                break
            }
            index += 1
        }
        if index < scanner.end, bytes[index] == .semicolon || bytes[index] == .questionMark {
            // With no '@' so far, an '@' further on means the ';' or '?' was in the user part.
            var probe = bytes[start..<index].contains(.at) ? scanner.end : index + 1
            while probe < scanner.end {
                let b = bytes[probe]
                if b == .at {
                    throw SIPSyntaxError(
                        "a URI whose user part holds \(ByteScanner.describe(bytes[index])) must be enclosed in '<' and '>'",
                        at: index)
                }
                if b == .quote || b == .comma || b == .space || b == .tab || b == .cr || b == .lf { break }
                probe += 1
            }
            if bytes[index] == .questionMark {
                throw SIPSyntaxError("a URI with headers ('?') must be enclosed in '<' and '>'", at: index)
            }
        }
        let uri = try AnyURI.parse(bytes, in: start..<index)
        scanner.position = index
        return uri
    }

    /// `*(token LWS)` before '<': the words, joined by single spaces.
    private static func scanTokenDisplayName(_ scanner: inout ByteScanner) throws(SIPSyntaxError) -> String {
        let first = scanner.scanToken()!
        var name = scanner.string(first)
        while true {
            scanner.skipLWS()
            guard let b = scanner.peek() else {
                throw SIPSyntaxError(
                    "'\(name)' is neither a URI (it has no scheme such as 'sip:') nor a display name followed by '<'",
                    at: first.lowerBound)
            }
            if b == .lessThan { return name }
            guard let word = scanner.scanToken() else {
                throw scanner.error(
                    "expected '<' after the display name '\(name)' but found \(ByteScanner.describe(b)); a display name holding \(ByteScanner.describe(b)) must be quoted")
            }
            name += " "
            name += scanner.string(word)
        }
    }
}
