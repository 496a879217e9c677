import SIPCore
import SIPTransaction
import Testing
@testable import SIPUserAgent

/// Calls and dialogs: provisional responses, the 2xx and its ACK, CANCEL, BYE, incoming
/// calls with 2xx retransmission, in-dialog requests, 481.
@Suite struct CallTests {
    @Test func provisionalResponsesMoveTheCallThroughItsStates() {
        var ua = UserAgentHarness()
        let call = ua.call("sip:bob@198.51.100.1")
        ua.answer(100)
        ua.answer(180)
        ua.answer(183, body: "v=0\r\n")
        ua.answer(200, headers: [("Contact", "<sip:bob@198.51.100.1>")])
        #expect(ua.callStates == ["calling", "trying", "ringing", "early", "connected"])
        #expect(ua.agent.state(of: call) == .connected)
        #expect(ua.events.contains { if case .provisional(_, 183, _, true) = $0 { true } else { false } })
    }

    @Test func theDialogTakesRouteSetAndTargetFromThe2xxAndTheACKAndBYEFollowThem() throws {
        var ua = UserAgentHarness()
        let call = ua.call("sip:bob@198.51.100.1")
        ua.answer(200, headers: [
            ("Record-Route", "<sip:p2.example.test;lr>"),
            ("Record-Route", "<sip:p1.example.test;lr>"),
            ("Contact", "<sip:bob@203.0.113.5:5080>"),
        ])
        let (ack, hop) = try #require(ua.stateless.last)
        #expect(ack.requestURIText == "sip:bob@203.0.113.5:5080")
        #expect(ack.values(.route) == ["<sip:p1.example.test;lr>", "<sip:p2.example.test;lr>"])
        #expect(hop.host == "p1.example.test")
        #expect(ack.to?.tag == "peer-tag")

        // A retransmitted 2xx gets the same ACK again.
        ua.answer(200, to: ua.invites[0], headers: [("Contact", "<sip:bob@203.0.113.5:5080>")])
        #expect(ua.stateless.count == 2)
        #expect(ua.stateless[1].0.serialized() == ack.serialized())

        ua.command(.hangUp(call))
        let bye = ua.lastRequest.message
        #expect(bye.method == .bye)
        #expect(bye.requestURIText == "sip:bob@203.0.113.5:5080")
        #expect(bye.values(.route) == ["<sip:p1.example.test;lr>", "<sip:p2.example.test;lr>"])
        #expect(bye.cseq == SIPCSeq(2, .bye))
        #expect(bye.to?.tag == "peer-tag")
        #expect(ua.agent.state(of: call) == .terminating)
        ua.answer(200)
        #expect(ua.endOfCall?.cause == .normal)
    }

    @Test func hangingUpBeforeAnyProvisionalWaitsForOneThenCancels() throws {
        var ua = UserAgentHarness()
        let call = ua.call("sip:bob@198.51.100.1")
        let invite = ua.lastRequest
        ua.command(.hangUp(call))
        #expect(ua.sent.count == 1, "no CANCEL before a provisional (§9.1)")
        ua.answer(100, to: invite)
        let cancel = ua.lastRequest
        #expect(cancel.method == "CANCEL")
        #expect(cancel.message.topVia?.branch == invite.message.topVia?.branch)
        #expect(cancel.message.cseq == SIPCSeq(1, .cancel))
        #expect(cancel.message.requestURIText == invite.message.requestURIText)
        #expect(cancel.nextHop == invite.nextHop)
        ua.answer(200, to: cancel, toTag: nil)
        ua.answer(487, to: invite)
        let end = try #require(ua.endOfCall)
        #expect(end.cause == .cancelled)
        #expect(end.code == 487)
    }

    @Test func a2xxThatCrossesACancelIsACKedAndHungUp() {
        var ua = UserAgentHarness()
        let call = ua.call("sip:bob@198.51.100.1")
        let invite = ua.lastRequest
        ua.answer(180)
        ua.command(.hangUp(call))
        #expect(ua.lastRequest.method == "CANCEL")
        ua.answer(200, to: invite, headers: [("Contact", "<sip:bob@198.51.100.1>")])
        #expect(ua.stateless.last?.0.method == .ack)
        #expect(ua.lastRequest.method == "BYE")
    }

    @Test func rejectionsEndTheCallWithCodeAndReason() throws {
        var ua = UserAgentHarness()
        ua.call("sip:bob@198.51.100.1")
        ua.answer(486)
        let end = try #require(ua.endOfCall)
        #expect(end.cause == .rejected)
        #expect(end.code == 486)
        #expect(end.reason == "Busy Here")
    }

    @Test func aTimeoutOrTransportErrorEndsTheCallAsUnreachable() throws {
        for outcome in [SIPRequestOutcome.timedOut, .transportError("connection refused")] {
            var ua = UserAgentHarness()
            ua.call("sip:bob@198.51.100.1")
            ua.outcome(outcome)
            let end = try #require(ua.endOfCall)
            #expect(end.cause == .unreachable)
        }
    }

    @Test func aRemoteBYEEndsTheCall() throws {
        var ua = UserAgentHarness()
        let call = ua.call("sip:bob@198.51.100.1")
        ua.answer(200, headers: [("Contact", "<sip:bob@198.51.100.1>")])
        let invite = ua.invites[0].message
        let bye = """
        BYE sip:dialtone@192.0.2.10:5060 SIP/2.0
        Via: SIP/2.0/UDP 198.51.100.1;branch=z9hG4bKbye1
        From: <sip:bob@198.51.100.1>;tag=peer-tag
        To: \(invite.value(.from) ?? "")
        Call-ID: \(invite.callID ?? "")
        CSeq: 10 BYE
        Content-Length: 0


        """
        let server = ua.receive(bye)
        #expect(ua.responses.last?.0 == server)
        #expect(ua.responses.last?.1.statusCode == 200)
        #expect(ua.agent.state(of: call)?.isEnded == true)
        #expect(ua.endOfCall?.cause == .normal)
    }

    @Test func requestsForUnknownDialogsGet481() {
        var ua = UserAgentHarness()
        _ = ua.receive("""
        BYE sip:dialtone@192.0.2.10 SIP/2.0
        Via: SIP/2.0/UDP 198.51.100.1;branch=z9hG4bKx1
        From: <sip:bob@198.51.100.1>;tag=a
        To: <sip:dialtone@192.0.2.10>;tag=nope
        Call-ID: unknown-call
        CSeq: 1 BYE
        Content-Length: 0


        """)
        #expect(ua.responses.last?.1.statusCode == 481)
    }

    static func incomingInvite(branch: String = "z9hG4bKinv1") -> String {
        """
        INVITE sip:dialtone@192.0.2.10:5060 SIP/2.0
        Via: SIP/2.0/UDP 198.51.100.1:5062;branch=\(branch)
        Max-Forwards: 70
        From: "Bob" <sip:bob@198.51.100.1>;tag=caller-tag
        To: <sip:dialtone@192.0.2.10>
        Call-ID: incoming-1
        CSeq: 5 INVITE
        Contact: <sip:bob@198.51.100.1:5062>
        Content-Type: application/sdp
        Content-Length: 5

        v=0

        """
    }

    @Test func anIncomingCallRingsIsAnsweredAndItsOKIsRetransmittedUntilTheACK() throws {
        var ua = UserAgentHarness()
        let server = ua.receive(Self.incomingInvite())
        #expect(ua.responses.last?.1.statusCode == 180)
        let handle = try #require(ua.agent.activeCalls.first)
        #expect(ua.agent.state(of: handle) == .incoming)
        ua.command(.answer(handle, answer: nil))
        let ok = try #require(ua.responses.last)
        #expect(ok.0 == server)
        #expect(ok.1.statusCode == 200)
        #expect(ok.1.body == Array("v=0\r\n".utf8))
        #expect(ok.1.to?.tag != nil)
        #expect(ua.agent.state(of: handle) == .connected)

        // Retransmissions at T1, 2·T1, 4·T1… capped at T2 (§13.3.1.4).
        ua.run(until: .origin + .milliseconds(500))
        ua.run(until: .origin + .milliseconds(1500))
        ua.run(until: .origin + .milliseconds(3500))
        #expect(ua.responses.filter { $0.1.statusCode == 200 }.count == 4)
        #expect(ua.armed[.answerRetransmit(handle)] == .origin + .milliseconds(7500))

        let ack = """
        ACK sip:dialtone@192.0.2.10:5060 SIP/2.0
        Via: SIP/2.0/UDP 198.51.100.1:5062;branch=z9hG4bKack1
        From: "Bob" <sip:bob@198.51.100.1>;tag=caller-tag
        To: \(ok.1.value(.to) ?? "")
        Call-ID: incoming-1
        CSeq: 5 ACK
        Content-Length: 0


        """
        ua.record(ua.agent.receivedACK(try SIPMessageParser.parse(ack.replacingLineEnds()), now: ua.now))
        #expect(ua.armed[.answerRetransmit(handle)] == nil)
        #expect(ua.armed[.answerGiveUp(handle)] == nil)
    }

    @Test func noACKIn64T1HangsUp() throws {
        var ua = UserAgentHarness()
        _ = ua.receive(Self.incomingInvite())
        let handle = try #require(ua.agent.activeCalls.first)
        ua.command(.answer(handle, answer: nil))
        ua.run(until: .origin + .seconds(33))
        #expect(ua.lastRequest.method == "BYE")
        #expect(ua.lastRequest.message.requestURIText == "sip:bob@198.51.100.1:5062")
    }

    @Test func rejectingAnIncomingCallSends486Or603() throws {
        for code in [486, 603] {
            var ua = UserAgentHarness()
            _ = ua.receive(Self.incomingInvite())
            let handle = try #require(ua.agent.activeCalls.first)
            ua.command(.reject(handle, code: code))
            #expect(ua.responses.last?.1.statusCode == code)
            #expect(ua.endOfCall?.cause == .rejected)
        }
    }

    @Test func aCANCELForARingingCallGets200AndTheINVITE487() throws {
        var ua = UserAgentHarness()
        let inviteServer = ua.receive(Self.incomingInvite())
        let cancelServer = ua.receive("""
        CANCEL sip:dialtone@192.0.2.10:5060 SIP/2.0
        Via: SIP/2.0/UDP 198.51.100.1:5062;branch=z9hG4bKinv1
        From: "Bob" <sip:bob@198.51.100.1>;tag=caller-tag
        To: <sip:dialtone@192.0.2.10>
        Call-ID: incoming-1
        CSeq: 5 CANCEL
        Content-Length: 0


        """)
        #expect(ua.responses.contains { $0.0 == cancelServer && $0.1.statusCode == 200 })
        #expect(ua.responses.contains { $0.0 == inviteServer && $0.1.statusCode == 487 })
        #expect(ua.endOfCall?.cause == .cancelled)
    }

    @Test func autoAnswerAnswersAtOnce() throws {
        var ua = UserAgentHarness(autoAnswer: true)
        _ = ua.receive(Self.incomingInvite())
        #expect(ua.responses.map { $0.1.statusCode } == [180, 200])
    }

    // Changed with offer/answer: a re-INVITE is no longer answered at once with the call's
    // session; it becomes a `sessionOffer` question and the front end's answer goes in the 200.
    @Test func inDialogOPTIONSAndINFOAreAnsweredAndReINVITEAsksForOurSession() throws {
        var ua = UserAgentHarness(autoAnswer: true)
        _ = ua.receive(Self.incomingInvite())
        let ok = try #require(ua.responses.last?.1)
        let toTag = ok.to?.tag ?? ""
        for (method, sequence) in [("OPTIONS", 6), ("INFO", 7), ("INVITE", 8)] {
            _ = ua.receive("""
            \(method) sip:dialtone@192.0.2.10:5060 SIP/2.0
            Via: SIP/2.0/UDP 198.51.100.1:5062;branch=z9hG4bKin\(sequence)
            From: "Bob" <sip:bob@198.51.100.1>;tag=caller-tag
            To: <sip:dialtone@192.0.2.10>;tag=\(toTag)
            Call-ID: incoming-1
            CSeq: \(sequence) \(method)
            Contact: <sip:bob@198.51.100.1:5062>
            Content-Length: 0


            """)
            if method == "INVITE" {
                let question = try #require(ua.sessionOffers.last)
                #expect(question.offer == nil)
                ua.command(.answerSession(question: question.question, SIPSessionBody(bytes: Array("v=0\r\n".utf8))))
            }
            #expect(ua.responses.last?.1.statusCode == 200)
        }
        #expect(ua.responses.last?.1.body == Array("v=0\r\n".utf8))
        // An older CSeq in the dialog is refused (§12.2.2).
        _ = ua.receive("""
        INFO sip:dialtone@192.0.2.10:5060 SIP/2.0
        Via: SIP/2.0/UDP 198.51.100.1:5062;branch=z9hG4bKold
        From: "Bob" <sip:bob@198.51.100.1>;tag=caller-tag
        To: <sip:dialtone@192.0.2.10>;tag=\(toTag)
        Call-ID: incoming-1
        CSeq: 3 INFO
        Content-Length: 0


        """)
        #expect(ua.responses.last?.1.statusCode == 500)
    }

    @Test func outOfDialogOPTIONSIsAnsweredWithAllow() {
        var ua = UserAgentHarness()
        _ = ua.receive("""
        OPTIONS sip:dialtone@192.0.2.10 SIP/2.0
        Via: SIP/2.0/UDP 198.51.100.1;branch=z9hG4bKopt
        From: <sip:monitor@198.51.100.1>;tag=m
        To: <sip:dialtone@192.0.2.10>
        Call-ID: options-1
        CSeq: 1 OPTIONS
        Content-Length: 0


        """)
        #expect(ua.responses.last?.1.statusCode == 200)
        #expect(ua.responses.last?.1.value(.allow)?.contains("INVITE") == true)
    }

    @Test func anOutboundProxyIsTheNextHopWithALooseRoute() throws {
        let account = SIPAccount(id: "alice", addressOfRecord: try SIPURI(parsing: "sip:alice@example.test"),
                                 outboundProxy: try SIPURI(parsing: "sip:proxy.example.test:5070"), transport: .tcp)
        var ua = UserAgentHarness(accounts: [account])
        ua.call("sip:bob@example.test")
        let invite = ua.lastRequest
        #expect(invite.nextHop.description == "sip:proxy.example.test:5070;transport=tcp")
        #expect(invite.message.values(.route) == ["<sip:proxy.example.test:5070;lr>"])
        #expect(invite.message.value(.from)?.hasPrefix("<sip:alice@example.test>;tag=") == true)
        #expect(invite.message.value(.contact)?.contains("transport=tcp") == true)
    }
}

@Suite struct LateAnswerTests {
    @Test func aLate2xxFromATargetTheCallLeftIsACKedAndHungUp() throws {
        var ua = UserAgentHarness()
        let call = ua.call("sip:bob@198.51.100.1")
        let first = ua.lastRequest
        ua.answer(302, headers: [("Contact", "<sip:bob@198.51.100.2>")])
        let second = ua.lastRequest
        // The first target answers after all (a forking proxy, a slow 2xx).
        ua.answer(200, to: first, toTag: "late", headers: [("Contact", "<sip:bob@198.51.100.1>")])
        let (ack, hop) = try #require(ua.stateless.last)
        #expect(ack.cseq == SIPCSeq(1, .ack))
        #expect(ack.to?.tag == "late")
        #expect(hop.description == "sip:bob@198.51.100.1")
        #expect(ua.lastRequest.method == "BYE")
        #expect(ua.lastRequest.message.to?.tag == "late")
        // The call goes on at its current target.
        #expect(ua.agent.state(of: call) == .calling)
        ua.answer(200, to: second, headers: [("Contact", "<sip:bob@198.51.100.2>")])
        #expect(ua.agent.state(of: call) == .connected)
    }
}

@Suite struct RequiredExtensionTests {
    @Test func aRequestRequiringAnUnknownExtensionGets420NamingIt() {
        var ua = UserAgentHarness()
        _ = ua.receive("""
        INVITE sip:dialtone@192.0.2.10:5060 SIP/2.0
        Via: SIP/2.0/UDP 198.51.100.1:5062;branch=z9hG4bKreq1
        From: <sip:bob@198.51.100.1>;tag=r1
        To: <sip:dialtone@192.0.2.10>
        Call-ID: require-1
        CSeq: 1 INVITE
        Contact: <sip:bob@198.51.100.1:5062>
        Require: 100rel, foo
        Content-Length: 0


        """)
        #expect(ua.responses.last?.1.statusCode == 420)
        #expect(ua.responses.last?.1.value("Unsupported") == "100rel, foo")
        #expect(ua.agent.activeCalls.isEmpty)
    }
}
