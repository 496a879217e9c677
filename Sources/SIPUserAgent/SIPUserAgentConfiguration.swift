import SIPCore
import SIPTransaction

/// What the user agent is told once, at the start: who it is, where it can be reached,
/// and its policies. The runner fills in the local addresses after it has listened.
public struct SIPUserAgentConfiguration: Sendable {
    public var accounts: [SIPAccount]
    /// The identity calls go out from when there is no account: `sip:dialtone@127.0.0.1:40123`.
    public var localIdentity: SIPURI
    /// Host and port per transport at which requests reach us (Contact); the runner
    /// fills this from the sockets it opened.
    public var contactAddresses: [SIPAccount.Transport: (host: String, port: Int)]
    public var redirectPolicy: SIPRedirectPolicy
    /// At most this many redirects per call (DESIGN.md: default 5).
    public var redirectLimit: Int
    /// Credentials refused this many times for one realm end the request.
    public var authAttempts: Int
    /// Answer incoming calls at once.
    public var autoAnswer: Bool
    /// T1/T2 for the 2xx retransmissions the user agent does itself (§13.3.1.4).
    public var timerValues: SIPTimerValues
    /// A question (credentials, redirect choice) not answered in this long is cancelled.
    public var questionTimeout: Duration
    /// User-Agent header value.
    public var userAgentName: String
    /// The session description to offer when a call command brings none (the wiring's
    /// PCMU/PCMA SDP until Media exists), and to answer incoming calls with when `answer`
    /// brings none. Offers inside a call are answered by the front end (`answerSession`).
    public var defaultSession: SIPSessionBody?

    public init(
        accounts: [SIPAccount] = [],
        localIdentity: SIPURI,
        contactAddresses: [SIPAccount.Transport: (host: String, port: Int)] = [:],
        redirectPolicy: SIPRedirectPolicy = .follow,
        redirectLimit: Int = 5,
        authAttempts: Int = 3,
        autoAnswer: Bool = false,
        timerValues: SIPTimerValues = SIPTimerValues(),
        questionTimeout: Duration = .seconds(300),
        userAgentName: String = "Dialtone",
        defaultSession: SIPSessionBody? = nil
    ) {
        self.accounts = accounts
        self.localIdentity = localIdentity
        self.contactAddresses = contactAddresses
        self.redirectPolicy = redirectPolicy
        self.redirectLimit = redirectLimit
        self.authAttempts = authAttempts
        self.autoAnswer = autoAnswer
        self.timerValues = timerValues
        self.questionTimeout = questionTimeout
        self.userAgentName = userAgentName
        self.defaultSession = defaultSession
    }
}
