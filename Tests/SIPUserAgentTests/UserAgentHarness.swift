import SIPCore
import SIPTransaction
@testable import SIPUserAgent

/// Drives a `SIPUserAgent` by hand on a fake clock: records what it sends, answers,
/// arms and tells, and builds the peer's responses.
struct UserAgentHarness {
    struct SentRequest {
        var id: SIPRequestID
        var message: SIPMessage
        var nextHop: SIPURI
        var method: String { message.method?.rawValue ?? "" }
    }

    var agent: SIPUserAgent
    var now = SIPInstant.origin
    var sent: [SentRequest] = []
    var stateless: [(SIPMessage, SIPURI)] = []
    var responses: [(SIPServerRequestID, SIPMessage)] = []
    var events: [SIPUserAgentEvent] = []
    var armed: [SIPUserAgentTimer: SIPInstant] = [:]
    var nextServer = 1

    static let password = "s3cret-Pa55"

    init(accounts: [SIPAccount] = [], redirectPolicy: SIPRedirectPolicy = .follow, redirectLimit: Int = 5,
         authAttempts: Int = 3, autoAnswer: Bool = false, defaultSession: SIPSessionBody? = SIPSessionBody(bytes: Array("v=0\r\n".utf8))) {
        let counter = Counter()
        agent = SIPUserAgent(
            configuration: SIPUserAgentConfiguration(
                accounts: accounts, localIdentity: SIPURI(user: "dialtone", host: "192.0.2.10"),
                contactAddresses: [.udp: ("192.0.2.10", 5060)], redirectPolicy: redirectPolicy,
                redirectLimit: redirectLimit, authAttempts: authAttempts, autoAnswer: autoAnswer,
                timerValues: SIPTimerValues(t1: .milliseconds(500)),
                defaultSession: defaultSession),
            random: { counter.next() })
    }

    /// A deterministic source of "random" words (a class, so the closure can be Sendable).
    final class Counter: Sendable {
        private let state = Mutex(UInt64(0x1234_5678))
        func next() -> UInt64 {
            state.withLock { value in
                value = value &* 6364136223846793005 &+ 1442695040888963407
                return value
            }
        }
    }

    mutating func record(_ actions: [SIPUserAgentAction]) {
        for action in actions {
            switch action {
            case let .sendRequest(id, message, nextHop): sent.append(SentRequest(id: id, message: message, nextHop: nextHop))
            case let .sendStateless(message, nextHop): stateless.append((message, nextHop))
            case let .respond(server, message): responses.append((server, message))
            case let .arm(timer, at): armed[timer] = at
            case let .cancel(timer): armed[timer] = nil
            case let .emit(event): events.append(event)
            }
        }
    }

    mutating func command(_ command: SIPUserAgentCommand) {
        record(agent.handle(command, now: now))
    }

    @discardableResult
    mutating func call(_ uri: String, account: String? = nil) -> SIPCallHandle {
        command(.call(try! SIPURI(parsing: uri), account: account, offer: nil))
        for case let .callStarted(handle, true, _, _) in events.reversed() { return handle }
        fatalError("no call started")
    }

    var lastRequest: SentRequest { sent.last! }

    /// The peer answers the latest request (or `request`) with `code`.
    mutating func answer(_ code: Int, to request: SentRequest? = nil, toTag: String? = "peer-tag", headers: [(String, String)] = [],
                         body: String? = nil) {
        let request = request ?? lastRequest
        var response = SIPMessage.response(to: request.message, statusCode: code, toTag: code == 100 ? nil : toTag)
        for (name, value) in headers { response.append(name, value) }
        if let body { response.body = Array(body.utf8) }
        // Round-trip through the parser, as the wire would.
        let parsed = try! SIPMessageParser.parse(response.serialized())
        let outcome: SIPRequestOutcome = code < 200 ? .provisional(parsed) : .final(parsed)
        record(agent.requestEvent(request.id, outcome, now: now))
    }

    mutating func outcome(_ outcome: SIPRequestOutcome, for request: SentRequest? = nil) {
        record(agent.requestEvent((request ?? lastRequest).id, outcome, now: now))
    }

    mutating func receive(_ text: String) -> SIPServerRequestID {
        let id = SIPServerRequestID(nextServer)
        nextServer += 1
        let message = try! SIPMessageParser.parse(text.replacingLineEnds())
        record(agent.receivedRequest(message, server: id, now: now))
        return id
    }

    mutating func advance(to instant: SIPInstant) {
        now = instant
    }

    /// Fires every armed timer due by `instant`, in order.
    mutating func run(until instant: SIPInstant) {
        while let (timer, at) = armed.filter({ $0.value <= instant }).min(by: { $0.value < $1.value }) {
            armed[timer] = nil
            now = at
            record(agent.timerFired(timer, now: at))
        }
        now = instant
    }

    var callStates: [String] {
        events.compactMap { if case let .callState(_, state) = $0 { state.description } else { nil } }
    }

    var endOfCall: SIPCallEnd? {
        for case let .callState(_, .ended(end)) in events { return end }
        return nil
    }

    var questions: [SIPCredentialsQuestion] {
        events.compactMap { if case let .credentialsNeeded(question) = $0 { question } else { nil } }
    }

    var redirects: [SIPRedirectNotice] {
        events.compactMap { if case let .redirected(_, notice) = $0 { notice } else { nil } }
    }

    var invites: [SentRequest] { sent.filter { $0.method == "INVITE" } }

    static func challenge(realm: String = "example.test", nonce: String = "n0nce-1", stale: Bool = false,
                          algorithm: String = "MD5", qop: String? = "auth") -> String {
        var value = "Digest realm=\"\(realm)\", nonce=\"\(nonce)\", algorithm=\(algorithm)"
        if let qop { value += ", qop=\"\(qop)\"" }
        if stale { value += ", stale=true" }
        return value
    }
}

import Synchronization

extension String {
    /// Test messages are written with \n; SIP wants CRLF.
    func replacingLineEnds() -> String {
        var out = ""
        for character in self {
            if character == "\n" { out += "\r\n" } else { out.append(character) }
        }
        return out
    }
}
