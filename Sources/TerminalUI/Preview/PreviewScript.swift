import SIPCore
import SIPUserAgent

/// A recorded call, as the user agent would report it: INVITE, 100, a 302 to another
/// host, ACK, INVITE there, 401 and a credentials question; after the answer, INVITE
/// with credentials, 100, 180, 200, ACK, connected; later BYE. Drives `dialtone
/// ui-preview`, the screen tests and the benchmark, until the real user agent is wired.
public struct PreviewScript: Sendable {
    /// One event and how long after the previous one it comes.
    public struct Step: Sendable {
        public var delay: Double
        public var event: SIPUserAgentEvent
    }

    public static let local = "192.0.2.10:5060"
    public static let redirectServer = "198.51.100.5:5060"
    public static let target = "203.0.113.7:5060"
    public static let realm = "example.test"

    public var call: SIPCallHandle
    public var dialled: SIPURI
    public var moved: SIPURI
    public var callID: String
    public var start: Double
    public var localURI: SIPURI
    /// The question the script asks; the answer names it.
    public var questionID: Int

    public init(call: SIPCallHandle = SIPCallHandle(1), start: Double, callID: String = "a84b4c76e66710@192.0.2.10", questionID: Int = 1,
                dialled: SIPURI? = nil) {
        self.call = call
        self.start = start
        self.callID = callID
        self.questionID = questionID
        self.dialled = dialled ?? (try! SIPURI(parsing: "sip:bob@198.51.100.5"))
        moved = try! SIPURI(parsing: "sip:bob@203.0.113.7")
        localURI = try! SIPURI(parsing: "sip:alice@example.test")
    }

    /// The account the preview runs as.
    public static var account: SIPAccount {
        SIPAccount(id: "preview", addressOfRecord: try! SIPURI(parsing: "sip:alice@example.test"), displayName: "Alice",
                   registrar: try! SIPURI(parsing: "sip:example.test"))
    }

    /// From the INVITE to the credentials question.
    public func untilCredentials() -> [Step] {
        [
            Step(delay: 0, event: .registration(account: "preview", .registered(expires: 3600))),
            Step(delay: 0.3, event: .callStarted(call, outgoing: true, remote: dialled, local: localURI)),
            Step(delay: 0, event: .callState(call, .calling)),
            log(0, .sent, invite(branch: "1", to: dialled, cseq: 1), state: "Calling", remote: Self.redirectServer),
            log(0.5, .sent, invite(branch: "1", to: dialled, cseq: 1), state: "Calling", remote: Self.redirectServer, retransmission: true),
            log(0.2, .received, response(100, "Trying", branch: "1", cseq: 1, method: "INVITE"), state: "Proceeding", remote: Self.redirectServer),
            Step(delay: 0, event: .provisional(call, code: 100, reason: "Trying", hasBody: false)),
            Step(delay: 0, event: .callState(call, .trying)),
            log(0.6, .received, response(302, "Moved Temporarily", branch: "1", cseq: 1, method: "INVITE", toTag: "r302",
                                         extra: ["Contact: <\(moved)>"]), state: "Completed", remote: Self.redirectServer),
            log(0, .sent, ack(branch: "1", to: dialled, cseq: 1, toTag: "r302"), state: "Completed", remote: Self.redirectServer),
            Step(delay: 0, event: .redirected(call, SIPRedirectNotice(from: dialled, to: moved, code: 302, attempt: 2))),
            log(0.1, .sent, invite(branch: "2", to: moved, cseq: 2), state: "Calling", remote: Self.target),
            log(0.3, .received, response(401, "Unauthorized", branch: "2", cseq: 2, method: "INVITE", toTag: "u401",
                                         extra: ["WWW-Authenticate: Digest realm=\"\(Self.realm)\", nonce=\"ea9c8e88df84f1cec4341ae6cbe5a359\", algorithm=SHA-256, qop=\"auth\""]),
                state: "Completed", remote: Self.target),
            log(0, .sent, ack(branch: "2", to: moved, cseq: 2, toTag: "u401"), state: "Completed", remote: Self.target),
            Step(delay: 0, event: .credentialsNeeded(SIPCredentialsQuestion(
                id: questionID, realm: Self.realm, host: "203.0.113.7", code: 401, method: "INVITE", attempt: 1,
                suggestedUsername: "alice", call: call, account: "preview"))),
        ]
    }

    /// After the credentials were given: the call connects.
    public func afterCredentials(username: String = "alice") -> [Step] {
        let authorization = "Authorization: Digest username=\"\(username)\", realm=\"\(Self.realm)\", nonce=\"ea9c8e88df84f1cec4341ae6cbe5a359\", uri=\"\(moved)\", response=\"6629fae49393a05397450978507c4ef1\", algorithm=SHA-256, cnonce=\"0a4f113b\", qop=auth, nc=00000001"
        return [
            log(0.2, .sent, invite(branch: "3", to: moved, cseq: 3, extra: [authorization]), state: "Calling", remote: Self.target),
            log(0.2, .received, response(100, "Trying", branch: "3", cseq: 3, method: "INVITE"), state: "Proceeding", remote: Self.target),
            log(0.4, .received, response(180, "Ringing", branch: "3", cseq: 3, method: "INVITE", toTag: "b180"), state: "Proceeding", remote: Self.target),
            Step(delay: 0, event: .provisional(call, code: 180, reason: "Ringing", hasBody: false)),
            Step(delay: 0, event: .callState(call, .ringing)),
            log(2.0, .received, response(200, "OK", branch: "3", cseq: 3, method: "INVITE", toTag: "b180", extra: ["Contact: <sip:bob@203.0.113.7>"],
                                         body: Self.sdp(owner: "bob", address: "203.0.113.7", port: 30000)), state: "Accepted", remote: Self.target),
            log(0, .sent, ack(branch: "4", to: moved, cseq: 3, toTag: "b180"), state: nil, remote: Self.target),
            Step(delay: 0, event: .callState(call, .connected)),
        ]
    }

    /// The user cancelled the credentials question.
    public func cancelled() -> [Step] {
        [Step(delay: 0.1, event: .callState(call, .ended(SIPCallEnd(cause: .authenticationFailed, code: 401, reason: "no credentials given for realm \"\(Self.realm)\""))))]
    }

    /// We hang up before the answer (CANCEL; the INVITE ends with 487).
    public func cancelledByUs() -> [Step] {
        [
            Step(delay: 0, event: .callState(call, .terminating)),
            Step(delay: 0.2, event: .callState(call, .ended(SIPCallEnd(cause: .cancelled, code: 487, reason: "Request Terminated")))),
        ]
    }

    /// We hang up a connected call.
    public func hangUp() -> [Step] {
        [
            Step(delay: 0, event: .callState(call, .terminating)),
            log(0, .sent, bye(branch: "5", cseq: 4), state: "Trying", remote: Self.target),
            log(0.1, .received, response(200, "OK", branch: "5", cseq: 4, method: "BYE", toTag: "b180"), state: "Completed", remote: Self.target),
            Step(delay: 0, event: .callState(call, .ended(SIPCallEnd(cause: .normal, reason: "hung up")))),
        ]
    }

    /// All the steps with the times they happen at, from `start` (log records get theirs).
    public static func timed(_ steps: [Step], from start: Double) -> [(time: Double, event: SIPUserAgentEvent)] {
        var t = start
        return steps.map { step in
            t += step.delay
            if case var .log(record) = step.event {
                record.time = t
                return (t, .log(record))
            }
            return (t, step.event)
        }
    }

    // MARK: Messages

    private func log(_ delay: Double, _ direction: SIPMessageLogRecord.Direction, _ text: String, state: String?, remote: String,
                     retransmission: Bool = false) -> Step {
        let bytes = Array(text.utf8)
        let message = try? SIPMessageParser.parse(bytes)
        let branch = message?.topVia?.branch
        let method = message?.cseq?.method.rawValue ?? "?"
        let key = state == nil ? nil : branch.map { "\($0)/\(method == "ACK" ? "INVITE" : method)/client" }
        return Step(delay: delay, event: .log(SIPMessageLogRecord(
            time: 0, direction: direction, transport: "UDP", local: Self.local, remote: remote, bytes: bytes, message: message,
            transactionKey: key, transactionState: state, isRetransmission: retransmission)))
    }

    private func headers(branch: String, cseq: Int, method: String, toTag: String?) -> [String] {
        [
            "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK74bf9-\(callID.prefix(4))-\(branch);rport",
            "Max-Forwards: 70",
            "From: \"Alice\" <sip:alice@example.test>;tag=9fxced76sl",
            "To: <\(dialled)>" + (toTag.map { ";tag=\($0)" } ?? ""),
            "Call-ID: \(callID)",
            "CSeq: \(cseq) \(method)",
        ]
    }

    private static func message(_ start: String, _ headers: [String], body: String = "") -> String {
        var text = start + "\r\n" + headers.joined(separator: "\r\n") + "\r\n"
        if !body.isEmpty { text += "Content-Type: application/sdp\r\n" }
        text += "Content-Length: \(body.utf8.count)\r\n\r\n" + body
        return text
    }

    static func sdp(owner: String, address: String, port: Int) -> String {
        "v=0\r\no=\(owner) 2890844526 2890844526 IN IP4 \(address)\r\ns=-\r\nc=IN IP4 \(address)\r\nt=0 0\r\nm=audio \(port) RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
    }

    private func invite(branch: String, to uri: SIPURI, cseq: Int, extra: [String] = []) -> String {
        Self.message("INVITE \(uri) SIP/2.0",
                     headers(branch: branch, cseq: cseq, method: "INVITE", toTag: nil)
                         + ["Contact: <sip:alice@192.0.2.10:5060>", "User-Agent: Dialtone"] + extra,
                     body: Self.sdp(owner: "alice", address: "192.0.2.10", port: 40000))
    }

    private func ack(branch: String, to uri: SIPURI, cseq: Int, toTag: String) -> String {
        Self.message("ACK \(uri) SIP/2.0", headers(branch: branch, cseq: cseq, method: "ACK", toTag: toTag))
    }

    private func bye(branch: String, cseq: Int) -> String {
        Self.message("BYE sip:bob@203.0.113.7 SIP/2.0", headers(branch: branch, cseq: cseq, method: "BYE", toTag: "b180"))
    }

    private func response(_ code: Int, _ reason: String, branch: String, cseq: Int, method: String, toTag: String? = nil,
                          extra: [String] = [], body: String = "") -> String {
        var lines = headers(branch: branch, cseq: cseq, method: method, toTag: toTag)
        lines[0] += ";received=192.0.2.10"
        lines.remove(at: 1) // no Max-Forwards in a response
        return Self.message("SIP/2.0 \(code) \(reason)", lines + extra, body: body)
    }
}
