import SIPCore

/// What a front end asks of the user agent. Each is answered by events, never by a
/// return value: a call that cannot be placed still gets a handle and ends with a reason.
public enum SIPUserAgentCommand: Sendable {
    /// Place a call to `target` (already a URI: `SIPDialString` turns what a person typed
    /// into one) from `account` (nil: the first account, or the anonymous identity), with
    /// `offer` as the session description (SDP; empty for none).
    case call(SIPURI, account: String?, offer: SIPSessionBody?)
    /// Hang up: CANCEL before a final response, BYE once connected, reject if incoming.
    case hangUp(SIPCallHandle)
    /// Answer an incoming call with `answer` as the session description (nil: the
    /// configuration's default). When the INVITE brought no offer, `answer` is our offer
    /// and the peer's answer arrives in the ACK as `remoteSession`.
    case answer(SIPCallHandle, answer: SIPSessionBody?)
    /// Refuse an incoming call: 486 Busy Here, 603 Decline, 488 Not Acceptable Here when no
    /// codec matches. `reason` says why, in plain words: it ends up in the call's end reason
    /// and, in a Warning header, at the peer (304 for 488/606, 399 otherwise).
    case reject(SIPCallHandle, code: Int, reason: String? = nil)
    /// Answer a `sessionOffer` question. A body is our answer (our offer, for an offerless
    /// re-INVITE) and goes out in a 200; nil refuses the offer with 488 Not Acceptable Here
    /// and the session stays as it was.
    case answerSession(question: Int, SIPSessionBody?)
    /// Offer a new session inside a connected call (hold, resume, another codec): a
    /// re-INVITE carrying `offer`. The outcome comes as `remoteSession` (the answer) and
    /// `sessionUpdated`. One re-INVITE of ours is out at a time: an offer asked for while
    /// another exchange is under way (ours, or the peer's not yet answered or ACKed) waits
    /// and goes out when it ends; a newer waiting offer replaces an older one (latest wins,
    /// and the replaced one gets no `sessionUpdated`). A call that is not connected gets an
    /// `.error` instead.
    case updateSession(SIPCallHandle, offer: SIPSessionBody)
    /// Register (or re-register) an account.
    case register(account: String)
    /// Remove the binding (REGISTER with Expires 0).
    case unregister(account: String)
    /// Answer a credentials question; nil cancels it (the request ends cleanly).
    case credentials(question: Int, SIPCredentialsAnswer?)
    /// Answer a redirect choice with the chosen target's index; nil declines (the call ends).
    case chooseRedirect(question: Int, index: Int?)
}

/// A session description passed through untouched (DESIGN.md: Media makes and reads it).
public struct SIPSessionBody: Sendable, Hashable {
    public var contentType: String
    public var bytes: [UInt8]
    public init(contentType: String = "application/sdp", bytes: [UInt8]) {
        self.contentType = contentType
        self.bytes = bytes
    }
}

/// A person's answer to a credentials question.
public struct SIPCredentialsAnswer: Sendable, Hashable, CustomStringConvertible {
    public var username: String
    public var password: String
    /// Keep them for the rest of the session for this realm and host (otherwise they are
    /// used for this request and its retries only).
    public var remember: Bool
    public init(username: String, password: String, remember: Bool = true) {
        self.username = username
        self.password = password
        self.remember = remember
    }
    /// Never shows the password.
    public var description: String { "SIPCredentialsAnswer(username: \(username), password: <redacted>, remember: \(remember))" }
}
