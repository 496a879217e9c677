/// One Via entry: `SIP/2.0/UDP host:port;branch=z9hG4bK...;received=...;rport`.
/// The transaction layer matches on `branch` and `sentBy`; §18.2.2 routes responses with
/// `received`, `rport` and `maddr`.
public struct SIPVia: SIPHeaderValue, Hashable, CustomStringConvertible {
    public var protocolName: String
    public var protocolVersion: String
    /// UDP, TCP, TLS, SCTP, WS, WSS — or anything else (an unknown transport is legal).
    public var transport: String
    public var host: String
    public var port: Int?
    public var parameters: SIPParameters

    /// RFC 3261's magic cookie: a branch starting with it is unique per transaction.
    public static let magicCookie = "z9hG4bK"

    public init(transport: String, host: String, port: Int? = nil, parameters: SIPParameters = []) {
        self.protocolName = "SIP"
        self.protocolVersion = "2.0"
        self.transport = transport
        self.host = host
        self.port = port
        self.parameters = parameters
    }

    public var branch: String? { parameters["branch"] }
    public var received: String? { parameters["received"] }
    public var maddr: String? { parameters["maddr"] }

    public var ttl: Int? { parameters["ttl"].flatMap { Int($0) } }

    /// RFC 3581: `;rport` asks for the source port; `;rport=5062` carries it.
    public enum RPort: Hashable, Sendable {
        case absent, requested, port(Int)
    }

    public var rport: RPort {
        guard let index = parameters.firstIndex(named: "rport") else { return .absent }
        guard let value = parameters[index].value else { return .requested }
        return Int(value).map(RPort.port) ?? .requested
    }

    /// `host:port` as written in the Via (port omitted when absent).
    public var sentBy: String {
        port.map { "\(host):\($0)" } ?? host
    }

    public var hasMagicCookie: Bool { branch?.hasPrefix(Self.magicCookie) ?? false }

    public var description: String {
        "\(protocolName)/\(protocolVersion)/\(transport) \(sentBy)\(parameters.serialized)"
    }

    public static func parseElement(_ scanner: inout ByteScanner) throws(SIPSyntaxError) -> SIPVia {
        let name = try scanner.requireToken("the protocol name (SIP) of the Via")
        guard scanner.consumeSeparator(.slash) else { throw scanner.error("expected '/' after the Via protocol name") }
        let version = try scanner.requireToken("the protocol version of the Via")
        guard scanner.consumeSeparator(.slash) else { throw scanner.error("expected '/' after the Via protocol version") }
        let transport = try scanner.requireToken("the transport of the Via")
        let beforeSpace = scanner.position
        scanner.skipLWS()
        guard scanner.position > beforeSpace else {
            throw scanner.error("expected white space between the Via transport and sent-by")
        }
        let (host, port) = try scanner.scanHostPort(what: "the Via sent-by")
        let parameters = try scanner.scanHeaderParameters()
        var via = SIPVia(transport: scanner.string(transport), host: host, port: port, parameters: parameters)
        via.protocolName = scanner.string(name)
        via.protocolVersion = scanner.string(version)
        try via.checkParameters(scanner)
        return via
    }

    /// Values RFC 3261 §20.42 constrains: ttl 0–255, received an address, branch a token.
    func checkParameters(_ scanner: ByteScanner) throws(SIPSyntaxError) {
        if let ttl = parameters["ttl"], !(ttl.utf8.count <= 3 && (Int(ttl).map { (0...255).contains($0) } ?? false)) {
            throw scanner.error("Via ttl must be 0–255, not \(ttl)", at: scanner.position)
        }
        if parameters.contains("branch") && (parameters["branch"] ?? "").isEmpty {
            throw scanner.error("the Via branch parameter has no value", at: scanner.position)
        }
        if case .absent = rport {} else if let value = parameters[parameters.firstIndex(named: "rport")!].value,
            !(Int(value).map { (1...65535).contains($0) } ?? false) {
            throw scanner.error("Via rport must be a port number, not \(value)", at: scanner.position)
        }
    }
}

extension ByteScanner {
    /// `host [ ":" port ]` where host is a name, an IPv4 address, or `[IPv6]`.
    mutating func scanHostPort(what: String) throws(SIPSyntaxError) -> (String, Int?) {
        let start = position
        if peek() == .leftBracket {
            advance()
            while let b = peek(), ByteClass.isHexDigit(b) || b == .colon || b == 0x2E { advance() }
            try expect(.rightBracket, "']' closing the IPv6 address in \(what)")
        } else {
            guard scan(.host) != nil else {
                throw error("expected a host in \(what) but found \(peek().map(ByteScanner.describe) ?? "nothing")")
            }
        }
        let host = string(start..<position)
        var port: Int?
        if consumeSeparator(.colon) {
            let number = try requireNumber("the port in \(what)", maximum: 65535)
            port = Int(number)
        }
        return (host, port)
    }
}
