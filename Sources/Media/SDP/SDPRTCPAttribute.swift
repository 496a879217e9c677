/// An `a=rtcp` value (RFC 3605): where the peer receives RTCP when it is not the RTP port + 1
/// (typically behind a NAT).
public struct SDPRTCPAttribute: Sendable, Equatable {
    public var port: Int
    /// An address for RTCP different from the stream's `c=`, when given.
    public var connection: SDPConnection?

    public init(port: Int, connection: SDPConnection? = nil) {
        self.port = port
        self.connection = connection
    }

    static func parse(_ value: Substring) -> Result<SDPRTCPAttribute, SDPFieldProblem> {
        let parts = SDPText.fields(value)
        guard parts.count == 1 || parts.count == 4 else {
            return .failure(SDPFieldProblem(
                "a=rtcp needs \"<port> [<nettype> <addrtype> <address>]\", got \"\(value)\""))
        }
        guard let port = SDPText.integer(parts[0], in: 0...65535) else {
            return .failure(SDPFieldProblem("a=rtcp port \"\(parts[0])\" is not a number from 0 to 65535"))
        }
        var connection: SDPConnection?
        if parts.count == 4 {
            connection = SDPConnection(netType: String(parts[1]), addrType: String(parts[2]), address: String(parts[3]))
        }
        return .success(SDPRTCPAttribute(port: port, connection: connection))
    }
}
