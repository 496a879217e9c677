/// The `o=` line (RFC 8866 §5.2): it names a session, and its version tells the peer whether a
/// re-sent description changed (RFC 3264 §8).
public struct SDPOrigin: Sendable, Equatable {
    /// The user on the originating host, `-` when there is none.
    public var username: String
    /// Stays the same for the whole session.
    public var sessionID: UInt64
    /// Goes up by one each time the description changes.
    public var sessionVersion: UInt64
    public var netType: String
    public var addrType: String
    public var address: String

    public init(
        username: String, sessionID: UInt64, sessionVersion: UInt64,
        netType: String = "IN", addrType: String, address: String
    ) {
        self.username = username
        self.sessionID = sessionID
        self.sessionVersion = sessionVersion
        self.netType = netType
        self.addrType = addrType
        self.address = address
    }

    /// The text after `o=`.
    var sdpValue: String {
        "\(username) \(sessionID) \(sessionVersion) \(netType) \(addrType) \(address)"
    }

    /// Reads the text after `o=`; the error text says what is wrong.
    static func parse(_ value: Substring) -> Result<SDPOrigin, SDPFieldProblem> {
        let fields = SDPText.fields(value)
        guard fields.count == 6 else {
            return .failure(SDPFieldProblem(
                "o= needs 6 fields \"<username> <sess-id> <sess-version> <nettype> <addrtype> <address>\", got \(fields.count)"))
        }
        guard let id = SDPText.decimal(fields[1]) else {
            return .failure(SDPFieldProblem("o= session id \"\(fields[1])\" is not a decimal number below 2^64"))
        }
        guard let version = SDPText.decimal(fields[2]) else {
            return .failure(SDPFieldProblem("o= session version \"\(fields[2])\" is not a decimal number below 2^64"))
        }
        return .success(SDPOrigin(
            username: String(fields[0]), sessionID: id, sessionVersion: version,
            netType: String(fields[3]), addrType: String(fields[4]), address: String(fields[5])))
    }
}
