import SIPCore
import SIPTransaction
import Testing

@testable import DialtoneDemo

/// The peer's logic alone, with `now` as an input: the cases that are awkward to reach
/// over sockets (a replayed nonce count, CSeq order, a re-INVITE before the ACK).
@Suite("The demo peer's core, without sockets")
struct DemoPeerCoreTests {
    static let udp = DemoPeerCore.Arrival(reliable: false, transportParameter: nil)

    func makeCore() -> DemoPeerCore {
        DemoPeerCore(settings: .init(
            numbers: DemoPeer.numbers, host: "127.0.0.1", port: 5099, ringDuration: .milliseconds(10),
            nonceLifetime: .seconds(30), timerValues: SIPTimerValues(), minExpires: 60, maxExpires: 3600, mediaPort: 40000))
    }

    var nextBranch = 0
    mutating func request(_ method: SIPMethod, uri: String = "sip:100@127.0.0.1:5099", cseq: Int = 1, toTag: String? = nil,
                          callID: String = "core-1", headers: [(String, String)] = [], body: String = "") -> (SIPMessage, SIPTransactionKey) {
        nextBranch += 1
        let branch = "z9hG4bK-core-\(nextBranch)"
        var fields = [
            SIPHeaderField(name: "Via", value: "SIP/2.0/UDP 127.0.0.1:5070;branch=\(branch)"),
            SIPHeaderField(name: "From", value: "<sip:caller@127.0.0.1>;tag=from-1"),
            SIPHeaderField(name: "To", value: "<\(uri)>" + (toTag.map { ";tag=\($0)" } ?? "")),
            SIPHeaderField(name: "Call-ID", value: callID),
            SIPHeaderField(name: "CSeq", value: "\(cseq) \(method.rawValue)"),
            SIPHeaderField(name: "Contact", value: "<sip:caller@127.0.0.1:5070>"),
        ]
        for (name, value) in headers { fields.append(SIPHeaderField(name: name, value: value)) }
        let message = SIPMessage.request(method, uri: uri, headers: fields, body: Array(body.utf8))
        let key = SIPTransactionKey(role: .server, method: method, branch: branch, sentBy: "127.0.0.1:5070")
        return (message, key)
    }

    func responses(_ actions: [DemoPeerCore.Action]) -> [SIPMessage] {
        actions.compactMap { if case let .respond(_, message) = $0 { message } else { nil } }
    }

    func codes(_ actions: [DemoPeerCore.Action]) -> [Int] { responses(actions).compactMap(\.statusCode) }

    /// Answers the 401 that `challenge` holds, for `request`, with nonce count `nc`.
    func authorize(_ request: SIPMessage, challenge: SIPMessage, nc: UInt32) throws -> SIPMessage {
        let authorizer = try #require(DigestAuthorizer.choose(from: challenge.wwwAuthenticate))
        let answer = try authorizer.answer(credentials: DigestCredentials(username: "demo", password: "demo"),
                                           method: request.method!.rawValue, uri: request.requestURIText!, nonceCount: nc, cnonce: "abc")
        var copy = request
        copy.set("Authorization", answer.headerValue)
        return copy
    }

    @Test mutating func aReplayedNonceCountIsStale() throws {
        var core = makeCore()
        let (first, firstKey) = request(.register, uri: "sip:127.0.0.1:5099")
        let challenge = try #require(responses(core.received(first, key: firstKey, arrival: Self.udp, now: .zero)).first)
        #expect(challenge.statusCode == 401)
        let (second, secondKey) = request(.register, uri: "sip:127.0.0.1:5099", cseq: 2)
        let signed = try authorize(second, challenge: challenge, nc: 1)
        #expect(codes(core.received(signed, key: secondKey, arrival: Self.udp, now: .seconds(1))) == [200])
        // The same nc again: the digest is right but not new.
        let (_, thirdKey) = request(.register, uri: "sip:127.0.0.1:5099", cseq: 3)
        let replay = try #require(responses(core.received(signed, key: thirdKey, arrival: Self.udp, now: .seconds(2))).first)
        #expect(replay.statusCode == 401 && replay.wwwAuthenticate.first?.stale == true)
        // After the nonce's lifetime, even a new count is stale.
        let (fourth, fourthKey) = request(.register, uri: "sip:127.0.0.1:5099", cseq: 4)
        let late = try #require(responses(core.received(try authorize(fourth, challenge: challenge, nc: 2), key: fourthKey,
                                                        arrival: Self.udp, now: .seconds(31))).first)
        #expect(late.statusCode == 401 && late.wwwAuthenticate.first?.stale == true)
    }

    @Test mutating func inDialogRulesAndTheACK() throws {
        var core = makeCore()
        let (invite, inviteKey) = request(.invite, body: "v=0\r\nm=audio 4000 RTP/AVP 0\r\n")
        let ringing = core.received(invite, key: inviteKey, arrival: Self.udp, now: .zero)
        #expect(codes(ringing) == [180])
        let answered = core.fired(.answer(inviteKey), now: .milliseconds(10))
        let ok = try #require(responses(answered).first)
        #expect(ok.statusCode == 200)
        let tag = try #require(ok.to?.tag)
        #expect(answered.contains { if case .arm(.retransmit, _) = $0 { true } else { false } }, "UDP: the 2xx is retransmitted")

        // A re-INVITE before the ACK: 500 with Retry-After (§14.2).
        let (early, earlyKey) = request(.invite, cseq: 2, toTag: tag, body: "v=0\r\nm=audio 4000 RTP/AVP 0\r\n")
        let refused = try #require(responses(core.received(early, key: earlyKey, arrival: Self.udp, now: .milliseconds(20))).first)
        #expect(refused.statusCode == 500 && refused.value("Retry-After") == "1")

        // The ACK stops the retransmissions.
        let (ack, ackKey) = request(.ack, cseq: 1, toTag: tag)
        let acked = core.received(ack, key: ackKey, arrival: Self.udp, now: .milliseconds(30))
        #expect(acked.contains { if case .cancel(.retransmit) = $0 { true } else { false } })
        #expect(core.fired(.retransmit(.init(callID: "core-1", localTag: tag, remoteTag: "from-1")), now: .seconds(1)).isEmpty)

        // CSeq must go up (§12.2.2); unknown methods in the dialog are 501; another dialog is 481.
        let (old, oldKey) = request(.options, cseq: 2, toTag: tag)
        #expect(codes(core.received(old, key: oldKey, arrival: Self.udp, now: .seconds(1))) == [500])
        let (message, messageKey) = request(.message, cseq: 3, toTag: tag)
        #expect(codes(core.received(message, key: messageKey, arrival: Self.udp, now: .seconds(1))) == [501])
        let (stranger, strangerKey) = request(.bye, cseq: 9, toTag: "someone-else")
        #expect(codes(core.received(stranger, key: strangerKey, arrival: Self.udp, now: .seconds(1))) == [481])
    }

    @Test mutating func noACKEndsTheDialog() throws {
        var core = makeCore()
        let (invite, inviteKey) = request(.invite)
        _ = core.received(invite, key: inviteKey, arrival: Self.udp, now: .zero)
        let ok = try #require(responses(core.fired(.answer(inviteKey), now: .zero)).first)
        let id = DemoPeerCore.DialogID(callID: "core-1", localTag: ok.to!.tag!, remoteTag: "from-1")
        #expect(core.dialogs[id] != nil)
        let ended = core.fired(.noACK(id), now: .seconds(32))
        #expect(core.dialogs[id] == nil)
        let bye = try #require(ended.compactMap { if case let .send(message, uri, nil) = $0 { (message, uri) } else { nil } }.first)
        #expect(bye.1.description == "sip:caller@127.0.0.1:5070" && bye.0.method == .bye && bye.0.cseq?.sequence == 1)
        #expect(bye.0.to?.tag == "from-1" && bye.0.from?.tag == ok.to?.tag)
    }

    @Test mutating func registerWildcardAndOtherMethods() throws {
        var core = makeCore()
        let (first, firstKey) = request(.register, uri: "sip:127.0.0.1:5099")
        let challenge = try #require(responses(core.received(first, key: firstKey, arrival: Self.udp, now: .zero)).first)
        let (bad, badKey) = request(.register, uri: "sip:127.0.0.1:5099", cseq: 2, headers: [("Contact", "*")])
        var badSigned = try authorize(bad, challenge: challenge, nc: 1)
        badSigned.remove("Contact")
        badSigned.append("Contact", "*")
        let refused = try #require(responses(core.received(badSigned, key: badKey, arrival: Self.udp, now: .seconds(1))).first)
        #expect(refused.statusCode == 400, "Contact * needs Expires: 0")

        let (message, messageKey) = request(.message)
        let notAllowed = try #require(responses(core.received(message, key: messageKey, arrival: Self.udp, now: .zero)).first)
        #expect(notAllowed.statusCode == 405 && notAllowed.value("Allow")?.contains("REGISTER") == true)
    }
}
