extension SIPURI {
    /// Parses the `sip:`/`sips:` URI that fills `range` exactly.
    static func parse(_ bytes: [UInt8], in range: Range<Int>) throws(SIPSyntaxError) -> SIPURI {
        let colon = try AnyURI.schemeEnd(bytes, in: range)
        let scheme = bytes[range.lowerBound..<colon]
        let isSecure: Bool
        if AnyURI.scheme(scheme, is: "sip") {
            isSecure = false
        } else if AnyURI.scheme(scheme, is: "sips") {
            isSecure = true
        } else {
            throw SIPSyntaxError(
                "expected a sip: or sips: URI but the scheme is '\(String(decoding: scheme, as: UTF8.self))'",
                at: range.lowerBound)
        }
        return try parse(bytes, from: colon + 1, to: range.upperBound, isSecure: isSecure)
    }

    /// Parses what follows `sip:` or `sips:` up to `end`:
    /// `[ userinfo "@" ] host [ ":" port ] *( ";" uri-parameter ) [ "?" headers ]`.
    static func parse(_ bytes: [UInt8], from start: Int, to end: Int, isSecure: Bool) throws(SIPSyntaxError) -> SIPURI {
        var scanner = ByteScanner(bytes, from: start, to: end)

        // userinfo: the user part may hold ';', '?', '/' and more, but never an unescaped
        // '@', and neither can anything after the host. So the first '@' ends the userinfo.
        var at = start
        while at < end && bytes[at] != .at { at += 1 }
        var user: String? = nil
        var password: String? = nil
        if at < end {
            guard let userRun = try scanner.scanEscapedRun(.user, "user part") else {
                throw scanner.error(at == start || bytes[start] == .colon
                    ? "the user part before \(ByteScanner.describe(bytes[start])) is empty"
                    : "\(ByteScanner.describe(bytes[start])) is not allowed in the user part of a SIP URI; escape it as %XX")
            }
            user = PercentEncoding.decode(bytes, userRun.range, escaped: userRun.escaped)
            if scanner.consume(.colon) {
                let passwordRun = try scanner.scanEscapedRun(.password, "password")
                password = passwordRun.map { PercentEncoding.decode(bytes, $0.range, escaped: $0.escaped) } ?? ""
                if scanner.position < at {
                    throw scanner.error(
                        "\(ByteScanner.describe(bytes[scanner.position])) is not allowed in the password of a SIP URI; escape it as %XX")
                }
            } else if scanner.position < at {
                throw scanner.error(
                    "\(ByteScanner.describe(bytes[scanner.position])) is not allowed in the user part of a SIP URI; escape it as %XX")
            }
            scanner.position = at + 1
        }

        let hostRange = try URIHost.scan(&scanner)
        var port: Int? = nil
        if scanner.consume(.colon) {
            guard scanner.peek().map(ByteClass.isDigit) == true else {
                throw scanner.error("expected a port number after ':'")
            }
            port = Int(try scanner.requireNumber("port", maximum: 65535))
        }

        var parameters: [SIPParameter] = []
        while scanner.consume(.semicolon) {
            guard let name = try scanner.scanEscapedRun(.uriParam, "URI parameter name") else {
                throw scanner.error(scanner.isAtEnd || scanner.peek() == .semicolon || scanner.peek() == .questionMark
                    ? "empty URI parameter: nothing between ';' and what follows"
                    : "expected a URI parameter name after ';' but found \(ByteScanner.describe(scanner.peek()!))")
            }
            var parameter = SIPParameter(name: PercentEncoding.decode(bytes, name.range, escaped: name.escaped))
            if scanner.consume(.equals) {
                guard let value = try scanner.scanEscapedRun(.uriParam, "URI parameter value") else {
                    throw scanner.error("expected a value after '=' in URI parameter '\(parameter.name)'")
                }
                parameter.value = PercentEncoding.decode(bytes, value.range, escaped: value.escaped)
            }
            if parameters.isEmpty { parameters.reserveCapacity(4) }
            parameters.append(parameter)
        }

        var headers: [SIPURIHeader] = []
        if scanner.consume(.questionMark) {
            repeat {
                guard let name = try scanner.scanEscapedRun(.uriHeader, "URI header name") else {
                    throw scanner.error("expected a header name in the '?' headers of the URI")
                }
                let headerName = PercentEncoding.decode(bytes, name.range, escaped: name.escaped)
                guard scanner.consume(.equals) else {
                    throw scanner.error("expected '=' after URI header name '\(headerName)'")
                }
                let value = try scanner.scanEscapedRun(.uriHeader, "URI header value")
                headers.append(SIPURIHeader(
                    name: headerName,
                    value: value.map { PercentEncoding.decode(bytes, $0.range, escaped: $0.escaped) } ?? ""))
            } while scanner.consume(.ampersand)
        }

        if let found = scanner.peek() {
            let place = !headers.isEmpty ? "in the headers of a SIP URI"
                : !parameters.isEmpty ? "in a SIP URI parameter"
                : port != nil ? "after the port of a SIP URI"
                : "in the host of a SIP URI"
            if found == .at {
                throw scanner.error("a SIP URI may hold only one unescaped '@'")
            }
            throw scanner.error("\(ByteScanner.describe(found)) is not allowed \(place)")
        }

        return SIPURI(
            isSecure: isSecure,
            user: user,
            password: password,
            host: String(decoding: bytes[hostRange], as: UTF8.self),
            port: port,
            parameters: SIPParameters(parameters),
            headers: headers)
    }
}
