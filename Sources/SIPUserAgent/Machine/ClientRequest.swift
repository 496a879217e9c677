import SIPCore

/// A request the user agent has out in a client transaction, and what it is for.
struct ClientRequest: Sendable {
    enum Purpose: Sendable, Hashable {
        case invite(SIPCallHandle)
        case cancel(SIPCallHandle)
        case bye(SIPCallHandle)
        /// Our re-INVITE with a new offer (`updateSession`).
        case reinvite(SIPCallHandle)
        case register(account: String)
    }

    /// How the credentials in an Authorization header came to be there, which decides
    /// what a new challenge means (DESIGN.md, 401/407).
    enum CredentialSource: Sendable, Hashable {
        /// A person gave them for this very challenge: a new challenge means they are wrong.
        case asked
        /// Stored credentials answering a fresh challenge: a new challenge means they are wrong.
        case cached
        /// Stored credentials with an earlier nonce (nc counting): a new challenge may only
        /// mean the nonce is old, so the stored credentials get one more try.
        case preemptive
    }

    var purpose: Purpose
    var message: SIPMessage
    var nextHop: SIPURI
    /// realm → how the credentials for it were chosen.
    var credentialSources: [String: CredentialSource] = [:]
    /// stale=true retries of this request so far (bounded, so a broken server cannot loop us).
    var staleRetries = 0
    /// A final response (or timeout, transport error) came: nothing is awaited any more,
    /// though an INVITE's transaction may live on to pass 2xx retransmissions.
    var isAnswered = false

    var method: String { message.method?.rawValue ?? "?" }
}

/// Who a credentials question and its rejection count belong to.
enum AuthOwner: Sendable, Hashable {
    case call(SIPCallHandle)
    case account(String)
}
