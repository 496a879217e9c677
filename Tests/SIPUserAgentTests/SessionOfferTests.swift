import SIPCore
import SIPTransaction
import Testing
@testable import SIPUserAgent

/// The peer's offers inside a call (RFC 3264 over RFC 3261 §14.2 and RFC 3311): questions
/// for the front end, 200 / 488, glare, overlap, timeouts; INFO.
@Suite struct SessionOfferTests {
    static let offer = UserAgentHarness.body("v=0\r\no=bob 2 2 IN IP4 198.51.100.1\r\n")
    static let answer = UserAgentHarness.body("v=0\r\no=dialtone 2 2 IN IP4 192.0.2.10\r\n")

    @Test func aReINVITEWithAnOfferIsAskedAndTheAnswerGoesOutIn200UntilTheACK() throws {
        var ua = UserAgentHarness()
        let (call, peer) = ua.connectedIncomingCall()
        let answeredSoFar = ua.responses.count
        let server = ua.receiveInDialog(.invite, sequence: 6, peer: peer, body: Self.offer)
        #expect(ua.responses.count == answeredSoFar, "nothing is answered before the front end says")
        let question = try #require(ua.sessionOffers.last)
        #expect(question.call == call)
        #expect(question.offer == Self.offer)
        #expect(ua.armed[.questionTimeout(question.question)] == ua.now + .seconds(300))

        ua.command(.answerSession(question: question.question, Self.answer))
        let ok = try #require(ua.response(on: server))
        #expect(ok.statusCode == 200)
        #expect(ok.body == Self.answer.bytes)
        #expect(ok.value(.contentType) == "application/sdp")
        #expect(ok.value(.contact) == "<sip:dialtone@192.0.2.10:5060>")
        #expect(ok.value(.allow) == "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE")
        #expect(ua.armed[.questionTimeout(question.question)] == nil)
        #expect(ua.agent.calls[call]?.session == Self.answer)

        // Sent again at T1 and 2·T1 until the ACK (§13.3.1.4).
        let start = ua.now
        ua.run(until: start + .milliseconds(1500))
        #expect(ua.responses.filter { $0.0 == server && $0.1.statusCode == 200 }.count == 3)
        ua.receiveACK(sequence: 6, peer: peer)
        #expect(ua.armed[.answerRetransmit(call)] == nil)
        #expect(ua.armed[.answerGiveUp(call)] == nil)
        ua.run(until: start + .seconds(40))
        #expect(ua.responses.filter { $0.0 == server && $0.1.statusCode == 200 }.count == 3)
        #expect(ua.agent.state(of: call) == .connected)
        #expect(ua.remoteSessions == ["v=0\r\n"], "the offer came as sessionOffer, not as remoteSession")
    }

    @Test func aRefusedOfferGets488WithAWarningAndTheCallGoesOn() throws {
        var ua = UserAgentHarness()
        let (call, peer) = ua.connectedIncomingCall()
        let server = ua.receiveInDialog(.invite, sequence: 6, peer: peer, body: Self.offer)
        let question = try #require(ua.sessionOffers.last)
        ua.command(.answerSession(question: question.question, nil))
        let refusal = try #require(ua.response(on: server))
        #expect(refusal.statusCode == 488)
        #expect(refusal.reasonPhrase == "Not Acceptable Here")
        #expect(refusal.warnings == [SIPWarning(code: 304, agent: "192.0.2.10:5060", text: "the offered session is not acceptable here")])
        #expect(ua.armed[.answerRetransmit(call)] == nil)
        #expect(ua.agent.state(of: call) == .connected)
        #expect(ua.agent.calls[call]?.session == UserAgentHarness.body("v=0\r\n"))

        // The question is closed: the next offer is asked about again, not refused as overlapping.
        let next = ua.receiveInDialog(.invite, sequence: 7, peer: peer, body: Self.offer)
        #expect(ua.response(on: next) == nil)
        #expect(ua.sessionOffers.count == 2)
    }

    @Test func anOfferlessReINVITEIsAnsweredWithOurOfferAndTheACKBringsTheirAnswer() throws {
        var ua = UserAgentHarness()
        let (call, peer) = ua.connectedIncomingCall()
        let server = ua.receiveInDialog(.invite, sequence: 6, peer: peer)
        let question = try #require(ua.sessionOffers.last)
        #expect(question.offer == nil)
        ua.command(.answerSession(question: question.question, Self.answer))
        #expect(ua.response(on: server)?.body == Self.answer.bytes)

        // Until the ACK our offer is outstanding: an UPDATE with an offer glares (RFC 3311 §5.2).
        let update = ua.receiveInDialog(.update, sequence: 7, peer: peer, body: Self.offer)
        #expect(ua.response(on: update)?.statusCode == 491)

        ua.receiveACK(sequence: 6, peer: peer, body: Self.offer)
        #expect(ua.remoteSessions.last == String(decoding: Self.offer.bytes, as: UTF8.self))
        guard case let .remoteSession(handle, contentType, _)? = ua.events.last(where: { if case .remoteSession = $0 { true } else { false } })
        else { Issue.record("no remoteSession"); return }
        #expect(handle == call)
        #expect(contentType == "application/sdp")
        #expect(ua.armed[.answerRetransmit(call)] == nil)

        // A retransmitted ACK tells nothing new.
        let told = ua.events.count
        ua.receiveACK(sequence: 6, peer: peer, body: Self.offer)
        #expect(ua.events.count == told)
    }

    @Test func anACKWithoutTheAnswerToOurOfferIsReported() throws {
        var ua = UserAgentHarness()
        let (call, peer) = ua.connectedIncomingCall()
        ua.receiveInDialog(.invite, sequence: 6, peer: peer)
        let question = try #require(ua.sessionOffers.last)
        ua.command(.answerSession(question: question.question, Self.answer))
        ua.receiveACK(sequence: 6, peer: peer)
        #expect(ua.errors.last == "\(call): the ACK brought no answer to the session offer in our 200 OK")
        #expect(ua.agent.state(of: call) == .connected)
    }

    @Test func anUPDATEWithAnOfferGetsAPlain200WithTheAnswer() throws {
        var ua = UserAgentHarness()
        let (call, peer) = ua.connectedOutgoingCall()
        let server = ua.receiveInDialog(.update, sequence: 1, peer: peer, body: Self.offer, contact: "<sip:bob@203.0.113.9>")
        let question = try #require(ua.sessionOffers.last)
        #expect(question.offer == Self.offer)
        ua.command(.answerSession(question: question.question, Self.answer))
        let ok = try #require(ua.response(on: server))
        #expect(ok.statusCode == 200)
        #expect(ok.body == Self.answer.bytes)
        #expect(ok.value(.contact) == "<sip:dialtone@192.0.2.10:5060>")
        #expect(ua.armed[.answerRetransmit(call)] == nil, "a 200 to UPDATE is not retransmitted by us")
        // UPDATE refreshes the remote target (RFC 3311 §5.2).
        ua.command(.hangUp(call))
        #expect(ua.lastRequest.message.requestURIText == "sip:bob@203.0.113.9")
    }

    @Test func anUPDATEWithoutAnOfferIsAnsweredAtOnce() throws {
        var ua = UserAgentHarness()
        let (_, peer) = ua.connectedIncomingCall()
        let server = ua.receiveInDialog(.update, sequence: 6, peer: peer)
        #expect(ua.response(on: server)?.statusCode == 200)
        #expect(ua.response(on: server)?.body == [])
        #expect(ua.sessionOffers.isEmpty)
    }

    @Test func aPeerOfferWhileOurReINVITEIsOutGets491() throws {
        var ua = UserAgentHarness()
        let (call, peer) = ua.connectedOutgoingCall()
        ua.command(.updateSession(call, offer: Self.answer))
        #expect(ua.lastRequest.method == "INVITE")
        let reinvite = ua.receiveInDialog(.invite, sequence: 1, peer: peer, body: Self.offer)
        let update = ua.receiveInDialog(.update, sequence: 2, peer: peer, body: Self.offer)
        #expect(ua.response(on: reinvite)?.statusCode == 491)
        #expect(ua.response(on: update)?.statusCode == 491)
        #expect(ua.sessionOffers.isEmpty)
    }

    @Test func anOfferWhileTheLastOneIsUnansweredGets500WithRetryAfter() throws {
        var ua = UserAgentHarness()
        let (_, peer) = ua.connectedIncomingCall()
        ua.receiveInDialog(.invite, sequence: 6, peer: peer, body: Self.offer)
        let second = ua.receiveInDialog(.invite, sequence: 7, peer: peer, body: Self.offer)
        let update = ua.receiveInDialog(.update, sequence: 8, peer: peer, body: Self.offer)
        for server in [second, update] {
            let busy = try #require(ua.response(on: server))
            #expect(busy.statusCode == 500)
            let wait = try #require(busy.retryAfter?.seconds)
            #expect((0...10).contains(wait))
        }
        #expect(ua.sessionOffers.count == 1)
    }

    @Test func anUnansweredOfferGets500AfterTheQuestionTimeoutAndTheCallGoesOn() throws {
        var ua = UserAgentHarness()
        let (call, peer) = ua.connectedIncomingCall()
        let start = ua.now
        let server = ua.receiveInDialog(.invite, sequence: 6, peer: peer, body: Self.offer)
        let question = try #require(ua.sessionOffers.last)
        ua.run(until: start + .seconds(299))
        #expect(ua.response(on: server) == nil)
        ua.run(until: start + .seconds(300))
        let timedOut = try #require(ua.response(on: server))
        #expect(timedOut.statusCode == 500)
        #expect(timedOut.retryAfter != nil)
        #expect(ua.errors.last == "question \(question.question) was not answered in 300.0 seconds: cancelled")
        #expect(ua.agent.state(of: call) == .connected)
        // A late answer changes nothing.
        let sent = ua.responses.count
        ua.command(.answerSession(question: question.question, Self.answer))
        #expect(ua.responses.count == sent)
    }

    @Test func aBYEWhileAnOfferIsUnansweredEndsItWith487() throws {
        var ua = UserAgentHarness()
        let (call, peer) = ua.connectedIncomingCall()
        let reinvite = ua.receiveInDialog(.invite, sequence: 6, peer: peer, body: Self.offer)
        let question = try #require(ua.sessionOffers.last)
        let bye = ua.receiveInDialog(.bye, sequence: 7, peer: peer)
        #expect(ua.response(on: reinvite)?.statusCode == 487)
        #expect(ua.response(on: bye)?.statusCode == 200)
        #expect(ua.agent.state(of: call)?.isEnded == true)
        #expect(ua.armed[.questionTimeout(question.question)] == nil)
    }

    @Test func aCANCELledReINVITEGets487AndItsQuestionIsVoid() throws {
        var ua = UserAgentHarness()
        let (call, peer) = ua.connectedIncomingCall()
        let reinvite = ua.receiveInDialog(.invite, sequence: 6, peer: peer, body: Self.offer, branch: "z9hG4bKre6")
        let question = try #require(ua.sessionOffers.last)
        let cancel = ua.receiveInDialog(.cancel, sequence: 6, peer: peer, branch: "z9hG4bKre6", contact: "")
        #expect(ua.response(on: cancel)?.statusCode == 200)
        #expect(ua.response(on: reinvite)?.statusCode == 487)
        #expect(ua.agent.state(of: call) == .connected)
        let sent = ua.responses.count
        ua.command(.answerSession(question: question.question, Self.answer))
        #expect(ua.responses.count == sent)
    }

    @Test func anINFOWithABodyIsAnswered200AndTold() throws {
        var ua = UserAgentHarness()
        let (call, peer) = ua.connectedIncomingCall()
        let dtmf = UserAgentHarness.body("Signal=5\r\nDuration=160\r\n", type: "application/dtmf-relay")
        let server = ua.receiveInDialog(.info, sequence: 6, peer: peer, body: dtmf)
        #expect(ua.response(on: server)?.statusCode == 200)
        guard case let .info(handle, contentType, body)? = ua.events.last else {
            Issue.record("no info event: \(ua.events.last.map(String.init(describing:)) ?? "none")")
            return
        }
        #expect(handle == call)
        #expect(contentType == "application/dtmf-relay")
        #expect(body == dtmf.bytes)
        #expect(ua.events.last?.description == "\(call): INFO application/dtmf-relay (24 octets)")

        // An empty INFO (a keep-alive) is answered and not told.
        let told = ua.events.count
        let empty = ua.receiveInDialog(.info, sequence: 7, peer: peer)
        #expect(ua.response(on: empty)?.statusCode == 200)
        #expect(ua.events.count == told)
    }
}
