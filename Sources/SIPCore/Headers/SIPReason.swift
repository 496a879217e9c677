/// `Reason: SIP ;cause=200 ;text="Call completed elsewhere"` (RFC 3326) — why a request
/// such as a CANCEL or BYE was sent.
public struct SIPReason: SIPHeaderValue, Hashable, CustomStringConvertible {
    public var protocolName: String
    public var parameters: SIPParameters

    public init(protocolName: String, cause: Int? = nil, text: String? = nil) {
        self.protocolName = protocolName
        var parameters = SIPParameters()
        if let cause { parameters.set("cause", String(cause)) }
        if let text { parameters.set("text", text, quoted: true) }
        self.parameters = parameters
    }

    public var cause: Int? { parameters["cause"].flatMap { Int($0) } }
    public var text: String? { parameters["text"] }
    public var description: String { "\(protocolName)\(parameters.serialized)" }

    public static func parseElement(_ scanner: inout ByteScanner) throws(SIPSyntaxError) -> SIPReason {
        let name = try scanner.requireToken("the Reason protocol (SIP, Q.850, ...)")
        var reason = SIPReason(protocolName: scanner.string(name))
        reason.parameters = try scanner.scanHeaderParameters()
        if let cause = reason.parameters["cause"], Int(cause) == nil {
            throw scanner.error("Reason cause must be a number, not \(cause)")
        }
        return reason
    }
}
