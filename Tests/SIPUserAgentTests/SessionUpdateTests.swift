import SIPCore
import SIPTransaction
import Testing
@testable import SIPUserAgent

/// Our offers inside a call (`updateSession`, RFC 3261 §14.1): the re-INVITE, its ACK,
/// refusals, 491 back-off, 481/408 ending the call, one at a time, digest challenges.
@Suite struct SessionUpdateTests {
    static let hold = UserAgentHarness.body("v=0\r\na=sendonly\r\n")
    static let resume = UserAgentHarness.body("v=0\r\na=sendrecv\r\n")
    static let answer = "v=0\r\na=recvonly\r\n"

    @Test func updateSessionSendsAReINVITEAndIts2xxIsACKedAndTold() throws {
        var ua = UserAgentHarness()
        let (call, _) = ua.connectedOutgoingCall()
        let invite = ua.invites[0].message
        ua.command(.updateSession(call, offer: Self.hold))
        let reinvite = ua.lastRequest
        #expect(reinvite.method == "INVITE")
        #expect(reinvite.message.requestURIText == "sip:bob@198.51.100.1")
        #expect(reinvite.message.cseq == SIPCSeq(2, .invite))
        #expect(reinvite.message.callID == invite.callID)
        #expect(reinvite.message.value(.from) == invite.value(.from))
        #expect(reinvite.message.to?.tag == "peer-tag")
        #expect(reinvite.message.topVia?.branch != invite.topVia?.branch)
        #expect(reinvite.message.value(.contact) == "<sip:dialtone@192.0.2.10:5060>")
        #expect(reinvite.message.value(.allow) == "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE")
        #expect(reinvite.message.value(.contentType) == "application/sdp")
        #expect(reinvite.message.body == Self.hold.bytes)

        let acksBefore = ua.stateless.count
        ua.answer(200, headers: [("Contact", "<sip:bob@203.0.113.7>"), ("Content-Type", "application/sdp")], body: Self.answer)
        #expect(ua.stateless.count == acksBefore + 1)
        let (ack, hop) = try #require(ua.stateless.last)
        #expect(ack.method == .ack)
        #expect(ack.cseq == SIPCSeq(2, .ack))
        #expect(ack.requestURIText == "sip:bob@203.0.113.7", "the 2xx refreshed the remote target (§12.2.1.2)")
        #expect(hop.host == "203.0.113.7")
        #expect(ua.remoteSessions.last == Self.answer)
        let update = try #require(ua.sessionUpdates.last)
        #expect(update.accepted)
        #expect(update.code == 200)
        #expect(update.reason == "OK")
        #expect(ua.events.last?.description == "\(call): session update accepted (200 OK)")
        #expect(ua.agent.calls[call]?.session == Self.hold)
        #expect(ua.agent.state(of: call) == .connected)

        // A retransmitted 2xx gets the same ACK, in the transaction and after it.
        ua.answer(200, to: reinvite, headers: [("Contact", "<sip:bob@203.0.113.7>")], body: Self.answer)
        var stray = SIPMessage.response(to: reinvite.message, statusCode: 200, toTag: "peer-tag")
        stray.append("Contact", "<sip:bob@203.0.113.7>")
        ua.record(ua.agent.receivedStrayResponse(try SIPMessageParser.parse(stray.serialized()), now: ua.now))
        #expect(ua.stateless.count == acksBefore + 3)
        #expect(ua.stateless[acksBefore + 1].0.serialized() == ack.serialized())
        #expect(ua.stateless[acksBefore + 2].0.serialized() == ack.serialized())
        #expect(ua.sessionUpdates.count == 1)
    }

    @Test func aRefusalIsToldAndTheCallKeepsItsSession() throws {
        for code in [488, 500, 606] {
            var ua = UserAgentHarness()
            let (call, _) = ua.connectedOutgoingCall()
            ua.command(.updateSession(call, offer: Self.hold))
            ua.answer(code)
            let update = try #require(ua.sessionUpdates.last)
            #expect(!update.accepted)
            #expect(update.code == code)
            #expect(update.reason == SIPMessage.defaultReasonPhrase(for: code))
            #expect(ua.agent.state(of: call) == .connected)
            #expect(ua.agent.calls[call]?.session == UserAgentHarness.body("v=0\r\n"))
            #expect(ua.remoteSessions.isEmpty)
        }
    }

    @Test func a2xxWithoutAnAnswerIsNotAnAcceptedUpdate() throws {
        var ua = UserAgentHarness()
        let (call, _) = ua.connectedOutgoingCall()
        ua.command(.updateSession(call, offer: Self.hold))
        ua.answer(200, headers: [("Contact", "<sip:bob@198.51.100.1>")])
        #expect(ua.stateless.last?.0.cseq == SIPCSeq(2, .ack), "ACKed all the same")
        let update = try #require(ua.sessionUpdates.last)
        #expect(!update.accepted)
        #expect(update.code == 200)
        #expect(update.reason == "OK without an answer to our offer")
        #expect(ua.agent.calls[call]?.session == UserAgentHarness.body("v=0\r\n"))
        #expect(ua.agent.state(of: call) == .connected)
    }

    @Test func a491IsRetriedOnceAfterABackOffThenGivenUp() throws {
        var ua = UserAgentHarness()
        let (call, _) = ua.connectedOutgoingCall()
        ua.command(.updateSession(call, offer: Self.hold))
        let start = ua.now
        ua.answer(491)
        #expect(ua.sessionUpdates.isEmpty)
        #expect(ua.invites.count == 2, "no retry at once")
        let due = try #require(ua.armed[.reinviteRetry(call)])
        #expect(due >= start + .milliseconds(2100) && due <= start + .seconds(4), "we made the Call-ID: 2.1–4 s (§14.1)")

        ua.run(until: due - .milliseconds(10))
        #expect(ua.invites.count == 2)
        ua.run(until: due)
        #expect(ua.invites.count == 3)
        let retry = ua.lastRequest.message
        #expect(retry.cseq == SIPCSeq(3, .invite))
        #expect(retry.body == Self.hold.bytes)

        ua.answer(491)
        #expect(ua.armed[.reinviteRetry(call)] == nil)
        let update = try #require(ua.sessionUpdates.last)
        #expect(!update.accepted)
        #expect(update.code == 491)
        #expect(ua.agent.state(of: call) == .connected)
    }

    @Test func theGlareBackOffDependsOnWhoMadeTheCallID() {
        let table: [(owns: Bool, word: UInt64, milliseconds: Int64)] = [
            (true, 0, 2100), (true, 190, 4000), (true, 191, 2100), (true, 1, 2110),
            (false, 0, 0), (false, 200, 2000), (false, 201, 0), (false, 7, 70),
        ]
        for row in table {
            #expect(SIPUserAgent.reinviteRetryDelay(ownsCallID: row.owns, word: row.word) == .milliseconds(row.milliseconds))
        }
    }

    @Test func onAnIncomingCallTheBackOffIsAtMostTwoSeconds() throws {
        var ua = UserAgentHarness()
        let (call, _) = ua.connectedIncomingCall()
        ua.command(.updateSession(call, offer: Self.hold))
        let reinvite = ua.lastRequest
        #expect(reinvite.message.cseq == SIPCSeq(1, .invite))
        #expect(reinvite.message.requestURIText == "sip:bob@198.51.100.1:5062")
        let start = ua.now
        ua.answer(491, toTag: nil)
        let due = try #require(ua.armed[.reinviteRetry(call)])
        #expect(due >= start && due <= start + .seconds(2))
    }

    @Test func aPeerReINVITEDuringTheBackOffIsServedFirst() throws {
        var ua = UserAgentHarness()
        let (call, peer) = ua.connectedOutgoingCall()
        ua.command(.updateSession(call, offer: Self.hold))
        ua.answer(491)
        let due = try #require(ua.armed[.reinviteRetry(call)])
        let theirs = ua.receiveInDialog(.invite, sequence: 1, peer: peer, body: UserAgentHarness.body("v=0\r\no=bob\r\n"))
        let question = try #require(ua.sessionOffers.last)
        ua.command(.answerSession(question: question.question, Self.resume))
        #expect(ua.response(on: theirs)?.statusCode == 200)
        // Our retry falls due before their ACK: it waits for it (one INVITE at a time).
        ua.run(until: due)
        #expect(ua.invites.count == 2)
        ua.receiveACK(sequence: 1, peer: peer)
        #expect(ua.invites.count == 3)
        #expect(ua.lastRequest.message.body == Self.hold.bytes)
        #expect(ua.lastRequest.message.cseq == SIPCSeq(3, .invite))
    }

    @Test func a481Or408OrATimeoutEndsTheCall() throws {
        let cases: [(outcome: SIPRequestOutcome?, code: Int, cause: SIPCallEnd.Cause)] = [
            (nil, 481, .rejected), (nil, 408, .unreachable), (.timedOut, 408, .unreachable),
        ]
        for row in cases {
            var ua = UserAgentHarness()
            let (call, _) = ua.connectedOutgoingCall()
            ua.command(.updateSession(call, offer: Self.hold))
            if let outcome = row.outcome { ua.outcome(outcome) } else { ua.answer(row.code) }
            let update = try #require(ua.sessionUpdates.last)
            #expect(!update.accepted)
            #expect(update.code == row.code)
            let end = try #require(ua.endOfCall)
            #expect(end.cause == row.cause)
            #expect(end.code == row.code)
            #expect(ua.agent.state(of: call)?.isEnded == true)
            #expect(ua.sent.last?.method == "INVITE", "no BYE: the dialog is gone")
        }
    }

    @Test func aSecondUpdateWaitsAndTheLatestWins() throws {
        var ua = UserAgentHarness()
        let (call, _) = ua.connectedOutgoingCall()
        ua.command(.updateSession(call, offer: Self.hold))
        let first = ua.lastRequest
        ua.command(.updateSession(call, offer: UserAgentHarness.body("v=0\r\na=inactive\r\n")))
        ua.command(.updateSession(call, offer: Self.resume))
        #expect(ua.invites.count == 2, "one re-INVITE of ours at a time")
        ua.answer(200, to: first, headers: [("Contact", "<sip:bob@198.51.100.1>")], body: Self.answer)
        #expect(ua.invites.count == 3)
        #expect(ua.lastRequest.message.body == Self.resume.bytes)
        #expect(ua.lastRequest.message.cseq == SIPCSeq(3, .invite))
        ua.answer(200, headers: [("Contact", "<sip:bob@198.51.100.1>")], body: Self.answer)
        #expect(ua.invites.count == 3)
        #expect(ua.sessionUpdates.map(\.accepted) == [true, true])
        #expect(ua.agent.calls[call]?.session == Self.resume)
    }

    @Test func anUpdateWaitsForTheACKOfOurAnswer() throws {
        var ua = UserAgentHarness()
        _ = ua.receive(CallTests.incomingInvite())
        let call = try #require(ua.agent.activeCalls.first)
        ua.command(.answer(call, answer: nil))
        ua.command(.updateSession(call, offer: Self.hold))
        #expect(ua.sent.isEmpty)
        let ok = try #require(ua.responses.last?.1)
        ua.receiveACK(sequence: 5, peer: .init(from: "\"Bob\" <sip:bob@198.51.100.1>;tag=caller-tag", to: ok.value(.to) ?? "", callID: "incoming-1"))
        #expect(ua.lastRequest.method == "INVITE")
        #expect(ua.lastRequest.message.body == Self.hold.bytes)
    }

    @Test func updatingACallThatIsNotConnectedIsAnError() throws {
        var ua = UserAgentHarness()
        let call = ua.call("sip:bob@198.51.100.1")
        ua.answer(180)
        ua.command(.updateSession(call, offer: Self.hold))
        #expect(ua.invites.count == 1)
        #expect(ua.errors.last == "\(call) is ringing, not connected: its session cannot be updated")
        ua.command(.updateSession(SIPCallHandle(99), offer: Self.hold))
        #expect(ua.errors.last == "\(SIPCallHandle(99)): no call to update (it has ended, or never was)")
    }

    @Test func aChallengedReINVITEIsSentAgainWithCredentialsAndItsACKCarriesThem() throws {
        var ua = UserAgentHarness()
        let (call, _) = ua.connectedOutgoingCall()
        ua.command(.updateSession(call, offer: Self.hold))
        ua.answer(401, headers: [("WWW-Authenticate", UserAgentHarness.challenge())])
        let question = try #require(ua.questions.last)
        #expect(question.method == "INVITE")
        #expect(question.call == call)
        ua.command(.credentials(question: question.id, SIPCredentialsAnswer(username: "alice", password: UserAgentHarness.password)))
        let retry = ua.lastRequest.message
        #expect(retry.cseq == SIPCSeq(3, .invite))
        #expect(retry.body == Self.hold.bytes)
        #expect(AuthenticationTests.verify(retry.value(.authorization), method: "INVITE"))
        ua.answer(200, headers: [("Contact", "<sip:bob@198.51.100.1>")], body: Self.answer)
        let (ack, _) = try #require(ua.stateless.last)
        #expect(ack.cseq == SIPCSeq(3, .ack))
        #expect(ack.value(.authorization) == retry.value(.authorization))
        #expect(ua.sessionUpdates.last?.accepted == true)
    }

    @Test func unansweredCredentialsForAReINVITELeaveTheCallUp() throws {
        var ua = UserAgentHarness()
        let (call, _) = ua.connectedOutgoingCall()
        ua.command(.updateSession(call, offer: Self.hold))
        ua.answer(407, headers: [("Proxy-Authenticate", UserAgentHarness.challenge())])
        let question = try #require(ua.questions.last)
        ua.command(.credentials(question: question.id, nil))
        let update = try #require(ua.sessionUpdates.last)
        #expect(!update.accepted)
        #expect(update.code == 407)
        #expect(ua.agent.state(of: call) == .connected)
    }
}
