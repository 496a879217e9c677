/// A `c=` line (RFC 8866 §5.7): where the peer wants media sent.
public struct SDPConnection: Sendable, Equatable {
    /// `IN` (Internet) is the only network type in use.
    public var netType: String
    /// `IP4` or `IP6`.
    public var addrType: String
    /// An IP literal or a host name; multicast adds `/ttl` and `/count` suffixes, kept as written.
    public var address: String

    public init(netType: String = "IN", addrType: String, address: String) {
        self.netType = netType
        self.addrType = addrType
        self.address = address
    }

    /// A connection for an IP literal, choosing IP4 or IP6 by its form.
    public init(address: String) {
        self.init(netType: "IN", addrType: address.contains(":") ? "IP6" : "IP4", address: address)
    }

    /// The RFC 2543 way to put a call on hold: "send nothing to me" (RFC 3264 §8.4).
    public var isHoldAddress: Bool {
        address == "0.0.0.0" || address == "::"
    }

    /// The text after `c=`.
    var sdpValue: String { "\(netType) \(addrType) \(address)" }

    static func parse(_ value: Substring) -> Result<SDPConnection, SDPFieldProblem> {
        let fields = SDPText.fields(value)
        guard fields.count == 3 else {
            return .failure(SDPFieldProblem(
                "c= needs 3 fields \"<nettype> <addrtype> <address>\", got \(fields.count)"))
        }
        return .success(SDPConnection(
            netType: String(fields[0]), addrType: String(fields[1]), address: String(fields[2])))
    }
}
