import SIPCore

/// What identifies a transaction (RFC 3261 §17.1.3, §17.2.3), usable as its name in logs
/// and the UI: role, method, and the top Via's branch and sent-by.
///
/// A request whose branch starts with the magic cookie `z9hG4bK` (and has something after
/// it) is identified by branch + sent-by + method, where an ACK counts as the INVITE it
/// acknowledges and a CANCEL is a transaction of its own. A request without such a branch
/// comes from an RFC 2543 element and is identified by the fields §17.2.3 lists for that
/// case: Request-URI, To tag, From tag, Call-ID, CSeq and the whole top Via (`rfc2543`).
public struct SIPTransactionKey: Hashable, Sendable, CustomStringConvertible {
    public enum Role: String, Hashable, Sendable {
        /// This side sent the request.
        case client
        /// This side received the request.
        case server
    }

    /// The fields an RFC 2543 request is matched by (§17.2.3).
    public struct RFC2543Identity: Hashable, Sendable {
        public let requestURI: String
        public let callID: String
        public let cseqNumber: UInt32
        public let fromTag: String?
        /// The To tag of the request that created the transaction (an ACK is matched
        /// against the To tag of the transaction's response instead).
        public let toTag: String?
        public let topVia: SIPVia
    }

    public let role: Role
    /// The request's method (INVITE for an ACK); for a client key, the CSeq method its
    /// responses carry.
    public let method: SIPMethod
    /// The top Via's branch as written; empty when it has none.
    public let branch: String
    /// The top Via's sent-by, host in lower case: `client.atlanta.example.com:5060`.
    public let sentBy: String
    /// Set for requests without an RFC 3261 branch; nil otherwise.
    public let rfc2543: RFC2543Identity?

    public init(role: Role, method: SIPMethod, branch: String, sentBy: String, rfc2543: RFC2543Identity? = nil) {
        self.role = role
        self.method = method == .ack ? .invite : method
        self.branch = branch
        self.sentBy = sentBy
        self.rfc2543 = rfc2543
    }

    /// `server INVITE z9hG4bK776asdhds via client.atlanta.example.com:5060`, or for an
    /// RFC 2543 request `server INVITE (RFC 2543) Call-ID inv2543.1717@… CSeq 56 via iftgw.example.com`.
    /// ("via" names the top Via's sent-by: the peer's for a server transaction, this
    /// element's own for a client one.)
    public var description: String {
        if let legacy = rfc2543 {
            return "\(role.rawValue) \(method) (RFC 2543) Call-ID \(legacy.callID) CSeq \(legacy.cseqNumber) via \(sentBy)"
        }
        return "\(role.rawValue) \(method) \(branch) via \(sentBy)"
    }

    /// True when `branch` identifies a transaction on its own (RFC 3261 §8.1.1.7): it starts
    /// with the magic cookie and has more after it. A bare `z9hG4bK` is as good as none.
    public static func isRFC3261Branch(_ branch: String?) -> Bool {
        guard let branch else { return false }
        return branch.hasPrefix(SIPVia.magicCookie) && branch.utf8.count > SIPVia.magicCookie.utf8.count
    }

    /// The key of the server transaction a received request belongs to (or creates).
    public static func server(for request: SIPMessage) throws(SIPTransactionError) -> SIPTransactionKey {
        guard let method = request.method else { throw .unmatchable("a response has no server transaction") }
        guard let via = request.topVia else { throw .unmatchable("the \(method) has no top Via to match a transaction by") }
        let branch = via.branch ?? ""
        if isRFC3261Branch(branch) {
            return SIPTransactionKey(role: .server, method: method, branch: branch, sentBy: normalizedSentBy(via))
        }
        guard let cseq = request.cseq else { throw .unmatchable("the \(method) has no CSeq to match a transaction by") }
        guard let callID = request.callID else { throw .unmatchable("the \(method) has no Call-ID to match a transaction by") }
        let identity = RFC2543Identity(
            requestURI: request.requestURIText ?? "", callID: callID, cseqNumber: cseq.sequence,
            fromTag: request.from?.tag, toTag: request.to?.tag, topVia: via)
        return SIPTransactionKey(role: .server, method: method, branch: branch, sentBy: normalizedSentBy(via), rfc2543: identity)
    }

    /// The key of the client transaction a request handed down by the TU starts. The TU
    /// puts the top Via with a fresh RFC 3261 branch in place; an ACK is not a transaction
    /// (the 2xx ACK is the TU's, the non-2xx ACK the INVITE transaction's).
    public static func client(for request: SIPMessage) throws(SIPTransactionError) -> SIPTransactionKey {
        guard let method = request.method else { throw .cannotStart("a response does not start a client transaction") }
        guard method != .ack else { throw .cannotStart("an ACK is not sent through a client transaction of its own") }
        guard let via = request.topVia else { throw .cannotStart("the \(method) has no top Via") }
        guard isRFC3261Branch(via.branch) else {
            throw .cannotStart("the \(method)'s top Via branch must start with \(SIPVia.magicCookie) and go on (it is \(via.branch.map { "\"\($0)\"" } ?? "missing"))")
        }
        guard let cseq = request.cseq else { throw .cannotStart("the \(method) has no CSeq") }
        guard cseq.method == method else { throw .cannotStart("the CSeq method \(cseq.method) is not the request's \(method)") }
        return SIPTransactionKey(role: .client, method: method, branch: via.branch!, sentBy: normalizedSentBy(via))
    }

    /// The same key for another method (a CANCEL's key → the INVITE it cancels).
    func with(method: SIPMethod) -> SIPTransactionKey {
        SIPTransactionKey(role: role, method: method, branch: branch, sentBy: sentBy, rfc2543: rfc2543)
    }

    /// Host names compare case-insensitively; the port as written.
    static func normalizedSentBy(_ via: SIPVia) -> String {
        let host = via.host.lowercased()
        return via.port.map { "\(host):\($0)" } ?? host
    }
}
