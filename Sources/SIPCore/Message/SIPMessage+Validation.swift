/// What a user agent checks before it acts on a message (RFC 3261 §8.2, §16.3, §20): the
/// mandatory headers are there, single headers appear once, numbers are in range, every
/// header it knows is well-formed, the CSeq method matches, the version is 2.0.
extension SIPMessage {
    /// The first reason to refuse this message, or nil when it is acceptable.
    public func validate() -> SIPValidationFailure? {
        if let failure = validateVersions() { return failure }
        if let failure = validateRequestURI() { return failure }
        if let failure = validateMandatoryHeaders() { return failure }
        if let failure = validateSingleHeaders() { return failure }
        if let failure = validateHeaderSyntax() { return failure }
        if let failure = validateCSeqMethod() { return failure }
        return nil
    }

    /// The 2.0 of the start line and of every Via (RFC 4475 badvers → 505).
    func validateVersions() -> SIPValidationFailure? {
        if !version.equalsIgnoringASCIICase("SIP/2.0") {
            let offset = rawStartLine.map { start -> Int in
                if case let .request(_, _, version) = parts { return version.lowerBound }
                return start.lowerBound
            } ?? 0
            return SIPValidationFailure(statusCode: 505, error(at: offset,
                "SIP version \(version) is not supported (only SIP/2.0)"))
        }
        for field in fields where field.kind == .via {
            var vias: [SIPVia] = []
            guard (try? Self.parseLine(field, in: bytes, into: &vias, list: true)) != nil else { continue }
            for via in vias where via.protocolName.uppercased() != "SIP" || via.protocolVersion != "2.0" {
                let (_, range) = field.valueLocation(in: bytes)
                return SIPValidationFailure(statusCode: 505, error(at: range.lowerBound,
                    "Via protocol \(via.protocolName)/\(via.protocolVersion) is not supported (only SIP/2.0)"))
            }
        }
        return nil
    }

    /// A Request-URI that is not a URI at all is a 400 (an unknown scheme is fine here:
    /// it parses, and a UAS that cannot serve it answers 416).
    func validateRequestURI() -> SIPValidationFailure? {
        do throws(SIPParseError) {
            _ = try parsedRequestURI()
            return nil
        } catch {
            return SIPValidationFailure(statusCode: 400, error)
        }
    }

    /// §8.1.1: To, From, CSeq, Call-ID, Max-Forwards (lenient, RFC 4475 inv2543) and Via.
    func validateMandatoryHeaders() -> SIPValidationFailure? {
        let required: [SIPHeaderName] = [.via, .from, .to, .callID, .cseq]
        let missing = required.filter { count(of: $0) == 0 }
        guard !missing.isEmpty else { return nil }
        let names = missing.map(\.canonicalName).joined(separator: ", ")
        let offset = rawStartLine == nil ? 0 : rawHeaderEnd
        return SIPValidationFailure(statusCode: 400, error(at: offset,
            "missing mandatory header\(missing.count > 1 ? "s" : ""): \(names)"))
    }

    /// A second CSeq, Call-ID, From, To, Max-Forwards, Content-Length ... (RFC 4475 multi01).
    func validateSingleHeaders() -> SIPValidationFailure? {
        var seen: [SIPHeaderName: Int] = [:]
        for (index, field) in fields.enumerated() where field.kind.isSingleValued {
            if seen[field.kind] != nil {
                return SIPValidationFailure(statusCode: 400, error(in: field,
                    "\(field.kind.canonicalName) appears more than once; it may appear only once"))
            }
            seen[field.kind] = index
        }
        // One line holding two values of a single header (`Max-Forwards: 70, 69`) is caught
        // by the syntax check, which reads single headers as one element.
        return nil
    }

    /// Parses every header this stack knows, to find the first malformed one.
    func validateHeaderSyntax() -> SIPValidationFailure? {
        for field in fields {
            do throws(SIPParseError) {
                try checkSyntax(of: field)
            } catch {
                return SIPValidationFailure(statusCode: 400, error)
            }
        }
        return nil
    }

    func checkSyntax(of field: SIPHeaderField) throws(SIPParseError) {
        func check<Value: SIPHeaderValue>(_ type: Value.Type) throws(SIPParseError) {
            var values: [Value] = []
            do throws(SIPSyntaxError) {
                try Self.parseLine(field, in: bytes, into: &values, list: field.kind.isList)
            } catch {
                throw locate(error, in: field)
            }
        }
        switch field.kind {
        case .via: try check(SIPVia.self)
        case .cseq: try check(SIPCSeq.self)
        case .callID: try check(SIPCallID.self)
        case .maxForwards:
            try check(SIPMaxForwards.self)
        case .expires, .minExpires: try check(SIPDeltaSeconds.self)
        case .contentType: try check(SIPContentType.self)
        case .retryAfter: try check(SIPRetryAfter.self)
        case .warning: try check(SIPWarning.self)
        case .reason: try check(SIPReason.self)
        case .date: try check(SIPDate.self)
        case .allow, .supported, .require, .proxyRequire, .unsupported: try check(SIPToken.self)
        default:
            try checkSyntaxOfAddressAndAuthHeaders(field)
        }
    }

    /// CSeq's method must be the request's (§8.1.1.5); an unknown method is 501 (RFC 4475 mismatch02).
    func validateCSeqMethod() -> SIPValidationFailure? {
        guard let method, let cseq, cseq.method != method else { return nil }
        guard let field = fields.first(where: { $0.kind == .cseq }) else { return nil }
        let code = method.isKnown ? 400 : 501
        return SIPValidationFailure(statusCode: code, error(in: field,
            "CSeq method \(cseq.method) differs from the request method \(method)"
                + (method.isKnown ? "" : " (and \(method) is not a method this stack implements)")))
    }

    func error(at offset: Int, _ reason: String) -> SIPParseError {
        if bytes.isEmpty { return SIPParseError(reason: reason, line: 1, column: 1, offset: 0) }
        return SIPSyntaxError(reason, at: offset).located(in: bytes)
    }

    func error(in field: SIPHeaderField, _ reason: String) -> SIPParseError {
        switch field.storage {
        case let .parsed(name, _, _): error(at: name.lowerBound, reason)
        case let .built(name, _): SIPParseError(reason: "\(name): \(reason)", line: 1, column: 1, offset: 0)
        }
    }
}

/// `Max-Forwards: 70` — 0 to 255 (RFC 4475 scalar02 has 300).
public struct SIPMaxForwards: SIPHeaderValue, Hashable {
    public var hops: Int
    public static func parseElement(_ scanner: inout ByteScanner) throws(SIPSyntaxError) -> SIPMaxForwards {
        SIPMaxForwards(hops: Int(try scanner.requireNumber("Max-Forwards", maximum: 255)))
    }
}
