extension SIPNameAddress: SIPHeaderValue {
    public static func parseElement(_ scanner: inout ByteScanner) throws(SIPSyntaxError) -> SIPNameAddress {
        try parse(&scanner)
    }
}

/// Typed access to the address headers and the Request-URI, parsed when read.
extension SIPMessage {
    public var from: SIPNameAddress? { try? parsedValue(.from, as: SIPNameAddress.self) }
    public var to: SIPNameAddress? { try? parsedValue(.to, as: SIPNameAddress.self) }
    public var routes: [SIPNameAddress] { (try? parsedValues(.route, as: SIPNameAddress.self)) ?? [] }
    public var recordRoutes: [SIPNameAddress] { (try? parsedValues(.recordRoute, as: SIPNameAddress.self)) ?? [] }

    /// Every Contact of every Contact line, in order; `*` is `.wildcard`.
    public var contacts: [SIPContact] { (try? parsedContacts()) ?? [] }

    public func parsedContacts() throws(SIPParseError) -> [SIPContact] {
        var result: [SIPContact] = []
        for field in fields where field.kind == .contact {
            let (buffer, range) = field.valueLocation(in: bytes)
            var scanner = ByteScanner(buffer, from: range.lowerBound, to: range.upperBound)
            do throws(SIPSyntaxError) {
                result += try SIPContact.parseList(&scanner)
            } catch {
                throw locate(error, in: field)
            }
        }
        return result
    }

    /// The Request-URI, parsed (sip, sips, tel, or any other scheme kept opaque).
    public var requestURI: AnyURI? { try? parsedRequestURI() }

    public func parsedRequestURI() throws(SIPParseError) -> AnyURI? {
        switch parts {
        case let .request(_, uri, _):
            do throws(SIPSyntaxError) {
                return try AnyURI.parse(bytes, in: uri)
            } catch {
                throw error.located(in: bytes)
            }
        case let .built(.request(_, uri, _)):
            return try AnyURI(parsing: uri)
        default:
            return nil
        }
    }
}
