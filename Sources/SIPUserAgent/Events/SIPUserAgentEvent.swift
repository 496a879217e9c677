import SIPCore

/// Everything the user agent tells a front end, in one stream (DESIGN.md: events out,
/// async questions answered). The TUI folds these into its state; `--no-tui` prints
/// one line each.
public enum SIPUserAgentEvent: Sendable {
    /// An account's registration changed.
    case registration(account: String, SIPRegistrationState)
    /// A call was placed (`outgoing`) or arrived. `remote` is who is on the other end as
    /// dialled or as the From says; `local` is our identity on it.
    case callStarted(SIPCallHandle, outgoing: Bool, remote: SIPURI, local: SIPURI)
    /// A call's state changed.
    case callState(SIPCallHandle, SIPCallState)
    /// A provisional response arrived for a call's INVITE (100, 180, 183…).
    case provisional(SIPCallHandle, code: Int, reason: String, hasBody: Bool)
    /// The call is being retried at a 3xx Contact.
    case redirected(SIPCallHandle, SIPRedirectNotice)
    /// A 300 (or any 3xx under the "ask" policy) offers targets; answer with
    /// `SIPUserAgent.chooseRedirect`.
    case redirectChoice(SIPCallHandle, question: Int, targets: [SIPURI], code: Int)
    /// Credentials are needed; answer with `SIPUserAgent.answer(_:with:)`.
    case credentialsNeeded(SIPCredentialsQuestion)
    /// The credentials just tried were refused: "authentication failed for realm …".
    case authenticationFailed(realm: String, host: String, code: Int, call: SIPCallHandle?, account: String?)
    /// The remote side's session description, opaque here: the offer of an incoming
    /// INVITE, the answer in a 183 or 2xx to ours (re-INVITEs included), or the answer in
    /// the ACK when our 2xx carried the offer. Offers inside a dialog come as `sessionOffer`.
    case remoteSession(SIPCallHandle, contentType: String, body: [UInt8])
    /// The peer offers a new session inside the call (re-INVITE or UPDATE), or, with a nil
    /// `offer`, asks for ours (an offerless re-INVITE; its answer comes as `remoteSession`
    /// with the ACK). Answer with `SIPUserAgentCommand.answerSession`; unanswered, it gets
    /// 500 with Retry-After after the configuration's question timeout.
    case sessionOffer(SIPCallHandle, question: Int, offer: SIPSessionBody?)
    /// Our `updateSession` re-INVITE is over: accepted (2xx, the answer came just before as
    /// `remoteSession`) or not, with the final status. Refused, the call goes on with the
    /// session it had; a 481, 408 or timeout also ends the call (RFC 3261 §12.2.1.2).
    case sessionUpdated(SIPCallHandle, accepted: Bool, code: Int, reason: String)
    /// An INFO with a body arrived in the call (answered 200): DTMF as
    /// `application/dtmf-relay`, or anything else the front end may show.
    case info(SIPCallHandle, contentType: String, body: [UInt8])
    /// A SIP message crossed the wire.
    case log(SIPMessageLogRecord)
    /// Something went wrong that is not a call or registration state: in plain words.
    case error(String)
}

extension SIPUserAgentEvent: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .registration(account, state): "\(account): \(state)"
        case let .callStarted(call, outgoing, remote, _): "\(call): \(outgoing ? "calling" : "incoming call from") \(remote)"
        case let .callState(call, state): "\(call): \(state)"
        case let .provisional(call, code, reason, hasBody): "\(call): \(code) \(reason)\(hasBody ? " (with a body)" : "")"
        case let .redirected(call, notice): "\(call): \(notice)"
        case let .redirectChoice(call, _, targets, code): "\(call): \(code) offers \(targets.map(\.description).joined(separator: ", "))"
        case let .credentialsNeeded(question): "\(question.call.map { "\($0): " } ?? "")needs \(question)"
        case let .authenticationFailed(realm, host, code, call, _):
            "\(call.map { "\($0): " } ?? "")authentication failed for realm \"\(realm)\" at \(host) (\(code))"
        case let .remoteSession(call, contentType, body): "\(call): remote session \(contentType) (\(body.count) octets)"
        case let .sessionOffer(call, question, offer):
            if let offer {
                "\(call): the other side offers a new session \(offer.contentType) (\(offer.bytes.count) octets; question \(question))"
            } else {
                "\(call): the other side asks for our session offer (question \(question))"
            }
        case let .sessionUpdated(call, accepted, code, reason):
            "\(call): session update \(accepted ? "accepted" : "refused") (\(code) \(reason))"
        case let .info(call, contentType, body): "\(call): INFO \(contentType) (\(body.count) octets)"
        case let .log(record): "log: \(record.direction.rawValue) \(record.bytes.count) octets"
        case let .error(text): "error: \(text)"
        }
    }
}
