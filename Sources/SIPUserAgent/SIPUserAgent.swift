import SIPCore
import SIPTransaction

/// The user agent (sans-IO): registrations, calls and dialogs, the redirect target set
/// and the digest policy of DESIGN.md. Every input comes with `now` and returns the
/// actions to perform; it never reads a clock, touches a socket or waits. SIPNIO's
/// runner feeds it from the endpoint; tests feed it by hand on a fake clock.
///
/// Inputs: `handle(_:now:)` (front end commands), `requestEvent` (what became of a request
/// it sent), `receivedRequest` (a request that started a server transaction),
/// `receivedACK` and `receivedStrayResponse` (messages outside transactions),
/// `timerFired`. Outputs: `SIPUserAgentAction`s, events among them.
public struct SIPUserAgent: Sendable {
    public private(set) var configuration: SIPUserAgentConfiguration
    let random: @Sendable () -> UInt64

    var calls: [SIPCallHandle: Call] = [:]
    var requests: [SIPRequestID: ClientRequest] = [:]
    var registrations: [String: Registration] = [:]
    var credentialCache = CredentialCache()
    var questions: [Int: PendingQuestion] = [:]
    /// Credentials refused so far, per call or account and realm.
    var rejections: [RejectionKey: Int] = [:]
    var nextCall = 1
    var nextRequest = 1
    var nextQuestion = 1

    struct RejectionKey: Hashable, Sendable {
        var owner: AuthOwner
        var realm: String
    }

    enum PendingQuestion: Sendable {
        case credentials(PendingAuthentication)
        case redirect(SIPCallHandle, [RedirectTargetSet.Target])
        case session(PendingSessionOffer)
    }

    /// A challenged request waiting for a person's credentials.
    struct PendingAuthentication: Sendable {
        var request: ClientRequest
        var authorizer: DigestAuthorizer
        var key: CredentialCache.Key
        var code: Int
        var owner: AuthOwner
    }

    /// The peer's re-INVITE or UPDATE waiting for the front end's answer (`answerSession`).
    struct PendingSessionOffer: Sendable {
        var call: SIPCallHandle
        var server: SIPServerRequestID
        var request: SIPMessage
        /// False for an offerless re-INVITE: the answer to give is an offer.
        var hasOffer: Bool
    }

    /// - Parameter random: 64 random bits per call (tags, Call-IDs, branches, cnonces);
    ///   the runner passes the system generator, tests a fixed sequence.
    public init(configuration: SIPUserAgentConfiguration, random: @escaping @Sendable () -> UInt64) {
        self.configuration = configuration
        self.random = random
    }

    /// The contact addresses once the runner knows them (after listening).
    public mutating func setContactAddresses(_ addresses: [SIPAccount.Transport: (host: String, port: Int)]) {
        configuration.contactAddresses = addresses
    }

    // MARK: Looking in

    public func state(of call: SIPCallHandle) -> SIPCallState? { calls[call]?.state }

    public func registrationState(of account: String) -> SIPRegistrationState? { registrations[account]?.state }

    /// Calls not yet ended.
    public var activeCalls: [SIPCallHandle] { calls.values.filter { !$0.state.isEnded }.map(\.handle).sorted() }

    /// Nothing left to finish: no call, no registration and no request out. The runner
    /// may stop once this is true after unregistering and hanging up.
    public var isIdle: Bool {
        activeCalls.isEmpty && requests.values.allSatisfy(\.isAnswered)
            && registrations.values.allSatisfy { if case .registered = $0.state { false } else { $0.request == nil } }
    }

    // MARK: Commands

    public mutating func handle(_ command: SIPUserAgentCommand, now: SIPInstant) -> [SIPUserAgentAction] {
        var actions: [SIPUserAgentAction] = []
        switch command {
        case let .call(target, account, offer):
            placeCall(to: target, account: account, offer: offer, now: now, &actions)
        case let .hangUp(call):
            hangUp(call, now: now, &actions)
        case let .answer(call, answer):
            answerCall(call, with: answer, now: now, &actions)
        case let .reject(call, code, reason):
            rejectCall(call, code: code, reason: reason, &actions)
        case let .answerSession(question, body):
            answerSession(question, body, now: now, &actions)
        case let .updateSession(call, offer):
            updateSession(call, offer: offer, &actions)
        case let .register(account):
            register(account, now: now, &actions)
        case let .unregister(account):
            unregister(account, now: now, &actions)
        case let .credentials(question, answer):
            answerCredentials(question, answer, now: now, &actions)
        case let .chooseRedirect(question, index):
            chooseRedirect(question, index: index, now: now, &actions)
        }
        return actions
    }

    // MARK: Network and time

    /// What became of a request the user agent asked the runner to send.
    public mutating func requestEvent(_ id: SIPRequestID, _ outcome: SIPRequestOutcome, now: SIPInstant) -> [SIPUserAgentAction] {
        var actions: [SIPUserAgentAction] = []
        guard let request = requests[id] else { return actions }
        if case .terminated = outcome {
            requests[id] = nil
            return actions
        }
        // A final response, timeout or transport error finishes the request for us; the
        // transaction may live on (Accepted) to pass 2xx retransmissions, so the record
        // stays until `terminated`.
        switch outcome {
        case .final, .timedOut, .transportError: requests[id]?.isAnswered = true
        case .provisional, .terminated: break
        }
        switch request.purpose {
        case let .invite(call): inviteOutcome(call, id: id, request: request, outcome, now: now, &actions)
        case let .cancel(call): cancelOutcome(call, outcome, &actions)
        case let .bye(call): byeOutcome(call, id: id, request: request, outcome, now: now, &actions)
        case let .reinvite(call): reinviteOutcome(call, id: id, request: request, outcome, now: now, &actions)
        case let .register(account): registerOutcome(account, id: id, request: request, outcome, now: now, &actions)
        }
        return actions
    }

    /// A request that started a server transaction (`server` names it for answers).
    public mutating func receivedRequest(_ request: SIPMessage, server: SIPServerRequestID, now: SIPInstant) -> [SIPUserAgentAction] {
        var actions: [SIPUserAgentAction] = []
        incomingRequest(request, server: server, now: now, &actions)
        return actions
    }

    /// An ACK for a 2xx we sent (from the server transaction in Accepted, or stray).
    public mutating func receivedACK(_ ack: SIPMessage, now: SIPInstant) -> [SIPUserAgentAction] {
        var actions: [SIPUserAgentAction] = []
        acknowledged(ack, &actions)
        return actions
    }

    /// A response outside any transaction: a 2xx to our INVITE or re-INVITE retransmitted
    /// after the transaction ended, or from another fork. Its ACK is sent again.
    public mutating func receivedStrayResponse(_ response: SIPMessage, now: SIPInstant) -> [SIPUserAgentAction] {
        var actions: [SIPUserAgentAction] = []
        guard let code = response.statusCode, (200..<300).contains(code), response.cseq?.method == .invite else { return actions }
        if resendReinviteACK(for: response, &actions) { return actions }
        guard let handle = calls.values.first(where: { $0.outgoing && $0.callID == response.callID })?.handle
        else { return actions }
        inviteSucceeded(handle, response: response, now: now, &actions)
        return actions
    }

    public mutating func timerFired(_ timer: SIPUserAgentTimer, now: SIPInstant) -> [SIPUserAgentAction] {
        var actions: [SIPUserAgentAction] = []
        switch timer {
        case let .registrationRefresh(account), let .registrationRetry(account):
            if registrations[account]?.request == nil, registrations[account]?.unregistering == false {
                sendRegister(account, expires: nil, now: now, &actions)
            }
        case let .answerRetransmit(call):
            retransmitAnswer(call, now: now, &actions)
        case let .answerGiveUp(call):
            answerNotAcknowledged(call, now: now, &actions)
        case let .reinviteRetry(call):
            reinviteRetryDue(call, &actions)
        case let .questionTimeout(id):
            if questions[id] != nil {
                actions.append(.emit(.error("question \(id) was not answered in \(configuration.questionTimeout): cancelled")))
                cancelQuestion(id, timedOut: true, now: now, &actions)
            }
        }
        return actions
    }
}
