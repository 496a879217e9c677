import SIPCore

/// The Via work of the transport layer: what it writes into the top Via of a request it
/// receives (§18.2.1, RFC 3581 §4) and of a request it sends (§18.1.1, RFC 3581 §3).
/// Pure functions.
public enum SIPViaStamp {
    /// The top Via of a request received from `source`, with `received` and `rport`
    /// filled; nil when nothing needs to change.
    ///
    /// - `received=` the source IP when the sent-by host differs from it (§18.2.1), and
    ///   always when `rport` was asked for (RFC 3581 §4);
    /// - `rport=` the source port when the Via carries a bare `;rport`.
    ///
    /// An IPv6 source is written in brackets (`received=[2001:db8::9]`), as RFC 5118
    /// §4.5 recommends, so that parsers reading `received` as a token-or-reference can
    /// read it back (SIPCore reads both that and the bare IPv6address of §20.42).
    public static func receivedVia(_ via: SIPVia, source: SIPAddress) -> SIPVia? {
        var stamped = via
        let rportRequested = via.rport == .requested
        if rportRequested {
            stamped.parameters.set("rport", String(source.port))
        }
        if rportRequested || !IPAddressText.sameHost(via.host, source.host) {
            stamped.parameters.set("received", source.sipHost)
        }
        return stamped == via ? nil : stamped
    }

    /// The top Via for a request leaving over `transport` from `sentBy`: transport and
    /// sent-by replaced, the caller's branch kept (or `branch` when given, or a new one
    /// when the Via has no RFC 3261 branch), `;rport` asked for (RFC 3581 §3). Other
    /// parameters of an existing top Via are kept, so a retransmission or a CANCEL built
    /// from the sent request gets the same Via.
    public static func outgoingVia<Random: RandomNumberGenerator>(
        existing: SIPVia?, transport: SIPTransport, sentByHost: String, sentByPort: Int,
        branch: String?, using random: inout Random
    ) -> SIPVia {
        var via = existing ?? SIPVia(transport: transport.viaToken, host: sentByHost)
        via.transport = transport.viaToken
        via.host = sentByHost
        via.port = sentByPort
        // received/rport values describe a hop already taken: never resend them.
        via.parameters.remove("received")
        let chosenBranch = branch ?? (existing?.hasMagicCookie == true ? existing?.branch : nil) ?? SIPBranch.make(using: &random)
        via.parameters.set("branch", chosenBranch)
        if via.rport != .requested { via.parameters.set("rport", nil) }
        return via
    }
}

extension SIPMessage {
    /// A received request with its top Via stamped by `SIPViaStamp.receivedVia`; the
    /// message unchanged when there is nothing to add (or it is a response).
    public func stampedOnReceipt(from source: SIPAddress) -> SIPMessage {
        guard isRequest, let top = firstViaLine.first,
              let stamped = SIPViaStamp.receivedVia(top, source: source) else { return self }
        return replacingTopVia(with: stamped)
    }
}
