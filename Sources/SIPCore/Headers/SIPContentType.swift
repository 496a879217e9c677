/// `Content-Type: application/sdp;charset=utf-8` — media type, subtype, parameters.
public struct SIPContentType: SIPHeaderValue, Hashable, CustomStringConvertible {
    public var type: String
    public var subtype: String
    public var parameters: SIPParameters

    public init(type: String, subtype: String, parameters: SIPParameters = []) {
        self.type = type
        self.subtype = subtype
        self.parameters = parameters
    }

    public static let sdp = SIPContentType(type: "application", subtype: "sdp")

    /// `type/subtype` in lower case, for comparisons.
    public var mediaType: String { "\(type)/\(subtype)".lowercased() }
    public var description: String { "\(type)/\(subtype)\(parameters.serialized)" }

    public static func parseElement(_ scanner: inout ByteScanner) throws(SIPSyntaxError) -> SIPContentType {
        let type = try scanner.requireToken("a media type")
        guard scanner.consumeSeparator(.slash) else { throw scanner.error("expected '/' between media type and subtype") }
        let subtype = try scanner.requireToken("a media subtype")
        let parameters = try scanner.scanHeaderParameters()
        return SIPContentType(type: scanner.string(type), subtype: scanner.string(subtype), parameters: parameters)
    }
}
