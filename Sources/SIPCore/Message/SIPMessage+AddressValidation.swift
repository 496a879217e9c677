extension SIPMessage {
    /// Address and authentication headers: their parsers work on the value as a whole.
    func checkSyntaxOfAddressAndAuthHeaders(_ field: SIPHeaderField) throws(SIPParseError) {
        switch field.kind {
        case .from, .to, .replyTo, .referTo, .referredBy:
            try checkLine(field) { scanner throws(SIPSyntaxError) in _ = try SIPNameAddress.parse(&scanner) }
        case .route, .recordRoute, .pAssertedIdentity, .pPreferredIdentity:
            try checkLine(field) { scanner throws(SIPSyntaxError) in _ = try SIPNameAddress.parseList(&scanner) }
        case .contact:
            try checkLine(field) { scanner throws(SIPSyntaxError) in _ = try SIPContact.parseList(&scanner) }
        case .wwwAuthenticate, .proxyAuthenticate:
            try checkAuthValue(field) { value throws(DigestSyntaxError) in _ = try AuthChallenge.parseList(value) }
        case .authorization, .proxyAuthorization:
            try checkAuthValue(field) { value throws(DigestSyntaxError) in _ = try AuthorizationValue.parse(value) }
        default:
            break
        }
    }

    /// Runs `parse` over the whole value of one line; it must consume all of it.
    private func checkLine(_ field: SIPHeaderField, _ parse: (inout ByteScanner) throws(SIPSyntaxError) -> Void) throws(SIPParseError) {
        let (buffer, range) = field.valueLocation(in: bytes)
        var scanner = ByteScanner(buffer, from: range.lowerBound, to: range.upperBound)
        do throws(SIPSyntaxError) {
            scanner.skipLWS()
            try parse(&scanner)
            scanner.skipLWS()
            if let next = scanner.peek() {
                throw scanner.error("unexpected \(ByteScanner.describe(next)) after the \(field.kind.canonicalName) value")
            }
        } catch {
            throw locate(error, in: field)
        }
    }

    private func checkAuthValue(_ field: SIPHeaderField, _ parse: (String) throws(DigestSyntaxError) -> Void) throws(SIPParseError) {
        let unfolded = field.valueBytes(in: bytes)
        do throws(DigestSyntaxError) {
            try parse(String(decoding: unfolded, as: UTF8.self))
        } catch {
            throw locate(SIPSyntaxError(error.reason, at: rawOffset(ofUnfolded: error.offset, in: field)), in: field)
        }
    }

    /// Maps an offset in a value with its folds removed back to the octet in the message.
    func rawOffset(ofUnfolded offset: Int, in field: SIPHeaderField) -> Int {
        let (buffer, range) = field.valueLocation(in: bytes)
        var remaining = offset
        var index = range.lowerBound
        while index < range.upperBound {
            let b = buffer[index]
            if b != .cr && b != .lf {
                if remaining == 0 { return index }
                remaining -= 1
            }
            index += 1
        }
        return range.upperBound
    }

    /// Every challenge of every WWW-Authenticate line, in order (RFC 8760 §2.4: the
    /// first one a client supports is the one to answer).
    public var wwwAuthenticate: [AuthChallenge] { (try? AuthChallenge.parseList(values(.wwwAuthenticate))) ?? [] }
    /// Every challenge of every Proxy-Authenticate line, in order.
    public var proxyAuthenticate: [AuthChallenge] { (try? AuthChallenge.parseList(values(.proxyAuthenticate))) ?? [] }
    public var authorization: [AuthorizationValue] { values(.authorization).compactMap { try? AuthorizationValue.parse($0) } }
    public var proxyAuthorization: [AuthorizationValue] { values(.proxyAuthorization).compactMap { try? AuthorizationValue.parse($0) } }
}
