/// RFC 3261 §18.1.1: a request within 200 octets of the path MTU — or larger than 1300
/// octets when the MTU is unknown — goes over a congestion-controlled transport (TCP)
/// when the target allows it. Pure.
public enum SIPRequestSizeRule {
    /// 1300 octets: the limit for an unknown path MTU (an Ethernet MTU of 1500 less 200).
    public static let unknownMTULimit = 1300

    /// The largest request that may go over UDP on a path of this MTU (nil: unknown).
    public static func udpLimit(pathMTU: Int?) -> Int {
        guard let pathMTU else { return unknownMTULimit }
        return max(0, pathMTU - 200)
    }

    /// The transport for a request of `size` octets (as it will be sent): UDP stays
    /// UDP while the request fits, and becomes TCP when it does not and the target
    /// allows (the URI did not insist on UDP and TCP is available). Other transports
    /// are unchanged.
    public static func transport(forRequestOfSize size: Int, chosen: SIPTransport, pathMTU: Int? = nil,
                                 targetAllowsTCP: Bool) -> SIPTransport {
        guard chosen == .udp, targetAllowsTCP, size > udpLimit(pathMTU: pathMTU) else { return chosen }
        return .tcp
    }
}
