/// Where a call is, as a person watching it would say. Outgoing calls go calling →
/// trying → ringing / early → connected → terminating → ended; incoming ones start at
/// `incoming`.
public enum SIPCallState: Sendable, Hashable, CustomStringConvertible {
    /// The INVITE is out; nothing has come back yet.
    case calling
    /// 100 Trying: a hop took the request.
    case trying
    /// 180 Ringing.
    case ringing
    /// 183 Session Progress or another 1xx with a dialog: early media may play.
    case early
    /// An incoming call is ringing here, waiting to be answered or rejected.
    case incoming
    /// 2xx and ACK: the call is up.
    case connected
    /// BYE or CANCEL sent, waiting for the answer.
    case terminating
    /// Over. `code` is the final status that ended it when there was one (0 otherwise).
    case ended(SIPCallEnd)

    public var isEnded: Bool {
        if case .ended = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .calling: "calling"
        case .trying: "trying"
        case .ringing: "ringing"
        case .early: "early"
        case .incoming: "incoming"
        case .connected: "connected"
        case .terminating: "terminating"
        case let .ended(end): "ended: \(end)"
        }
    }
}

/// Why a call ended, in a form both a person and a script can use.
public struct SIPCallEnd: Sendable, Hashable, CustomStringConvertible {
    /// Which kind of ending: decides `dialtone call`'s exit status.
    public enum Cause: String, Sendable, Hashable {
        /// It was connected and one side hung up.
        case normal
        /// We cancelled it before it was answered (or the caller did, for an incoming call).
        case cancelled
        /// A final response of 400 and above ended it.
        case rejected
        /// No answer in time, or the transport could not reach the peer.
        case unreachable
        /// Credentials were refused, or none were given.
        case authenticationFailed
        /// A redirect could not be followed: a loop, too many hops, no usable Contact.
        case redirectFailed
        /// Something else went wrong locally (a message that could not be built).
        case failed
    }

    public var cause: Cause
    /// The status code that ended it (487, 486, 408…), 0 when none (a BYE, a local error).
    public var code: Int
    /// In plain words: "busy here", "redirect loop: sip:a@… was already tried".
    public var reason: String

    public init(cause: Cause, code: Int = 0, reason: String) {
        self.cause = cause
        self.code = code
        self.reason = reason
    }

    public var description: String { code == 0 ? reason : "\(code) \(reason)" }
}
