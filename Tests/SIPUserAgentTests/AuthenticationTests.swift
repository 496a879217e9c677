import SIPCore
import SIPTransaction
import Testing
@testable import SIPUserAgent

/// DESIGN.md, "401/407": challenges, questions, the cache, nonce reuse, stale, rejection.
@Suite struct AuthenticationTests {
    static let password = UserAgentHarness.password

    static func verify(_ header: String?, method: String, username: String = "alice", password: String = password) -> Bool {
        guard let header, let value = try? AuthorizationValue.parse(header) else { return false }
        return value.isValid(credentials: DigestCredentials(username: username, password: password), method: method)
    }

    @Test func a401AsksNamingRealmHostCodeMethodAndAttemptThenRetriesWithAuthorization() throws {
        var ua = UserAgentHarness()
        let call = ua.call("sip:bob@198.51.100.1:5062")
        let first = ua.lastRequest
        ua.answer(401, headers: [("WWW-Authenticate", UserAgentHarness.challenge())])
        let question = try #require(ua.questions.first)
        #expect(question.realm == "example.test")
        #expect(question.host == "198.51.100.1:5062")
        #expect(question.code == 401)
        #expect(question.method == "INVITE")
        #expect(question.attempt == 1)
        #expect(question.call == call)
        #expect(ua.invites.count == 1)

        ua.command(.credentials(question: question.id, SIPCredentialsAnswer(username: "alice", password: Self.password)))
        let retry = ua.lastRequest.message
        #expect(ua.invites.count == 2)
        #expect(retry.callID == first.message.callID)
        #expect(retry.value(.from) == first.message.value(.from))
        #expect(retry.value(.to) == first.message.value(.to))
        #expect(retry.cseq == SIPCSeq(2, .invite))
        #expect(retry.topVia?.branch != first.message.topVia?.branch)
        #expect(Self.verify(retry.value(.authorization), method: "INVITE"))
        let value = try AuthorizationValue.parse(retry.value(.authorization) ?? "")
        #expect(value.nc == "00000001")
        #expect(value.uri == "sip:bob@198.51.100.1:5062")

        ua.answer(200, headers: [("Contact", "<sip:bob@198.51.100.1:5062>")])
        #expect(ua.agent.state(of: call) == .connected)
        // The ACK for the 2xx carries the INVITE's credentials (§22.1).
        #expect(ua.stateless.last?.0.value(.authorization) == retry.value(.authorization))
    }

    @Test func a407IsAnsweredWithProxyAuthorization() throws {
        var ua = UserAgentHarness()
        ua.call("sip:bob@198.51.100.1")
        ua.answer(407, headers: [("Proxy-Authenticate", UserAgentHarness.challenge(realm: "proxy.test"))])
        let question = try #require(ua.questions.first)
        #expect(question.code == 407)
        ua.command(.credentials(question: question.id, SIPCredentialsAnswer(username: "alice", password: Self.password)))
        #expect(ua.lastRequest.message.value(.authorization) == nil)
        #expect(Self.verify(ua.lastRequest.message.value(.proxyAuthorization), method: "INVITE"))
    }

    @Test func theTopmostSupportedChallengeIsAnsweredAndUnknownOnesIgnored() throws {
        var ua = UserAgentHarness()
        ua.call("sip:bob@198.51.100.1")
        ua.answer(401, headers: [
            ("WWW-Authenticate", "Digest realm=\"x\", nonce=\"a\", algorithm=SHA-999"),
            ("WWW-Authenticate", "Mutual realm=\"x\""),
            ("WWW-Authenticate", UserAgentHarness.challenge(realm: "x", nonce: "b", algorithm: "SHA-256")),
            ("WWW-Authenticate", UserAgentHarness.challenge(realm: "x", nonce: "c", algorithm: "MD5")),
        ])
        let question = try #require(ua.questions.first)
        ua.command(.credentials(question: question.id, SIPCredentialsAnswer(username: "alice", password: Self.password)))
        let value = try AuthorizationValue.parse(ua.lastRequest.message.value(.authorization) ?? "")
        #expect(value.nonce == "b")
        #expect(value.algorithm == .sha256)
        #expect(Self.verify(ua.lastRequest.message.value(.authorization), method: "INVITE"))
    }

    @Test func noAnswerableChallengeEndsTheCallSayingWhatWasOffered() throws {
        var ua = UserAgentHarness()
        ua.call("sip:bob@198.51.100.1")
        ua.answer(401, headers: [("WWW-Authenticate", "Basic realm=\"x\"")])
        let end = try #require(ua.endOfCall)
        #expect(end.cause == .authenticationFailed)
        #expect(end.reason.contains("Basic"))
        #expect(ua.questions.isEmpty)
    }

    @Test func staleTrueRetriesWithTheNewNonceWithoutAsking() throws {
        var ua = UserAgentHarness()
        let call = ua.call("sip:bob@198.51.100.1")
        ua.answer(401, headers: [("WWW-Authenticate", UserAgentHarness.challenge(nonce: "old"))])
        ua.command(.credentials(question: ua.questions[0].id, SIPCredentialsAnswer(username: "alice", password: Self.password)))
        ua.answer(401, headers: [("WWW-Authenticate", UserAgentHarness.challenge(nonce: "fresh", stale: true))])
        #expect(ua.questions.count == 1)
        #expect(ua.invites.count == 3)
        let value = try AuthorizationValue.parse(ua.lastRequest.message.value(.authorization) ?? "")
        #expect(value.nonce == "fresh")
        #expect(value.nc == "00000001")
        #expect(ua.lastRequest.message.cseq?.sequence == 3)
        #expect(!ua.events.contains { if case .authenticationFailed = $0 { true } else { false } })
        ua.answer(200, headers: [("Contact", "<sip:bob@198.51.100.1>")])
        #expect(ua.agent.state(of: call) == .connected)
    }

    @Test func refusedCredentialsAreNeverResentTheUserIsToldAndAskedAgain() throws {
        var ua = UserAgentHarness()
        ua.call("sip:bob@198.51.100.1")
        ua.answer(401, headers: [("WWW-Authenticate", UserAgentHarness.challenge(nonce: "one"))])
        ua.command(.credentials(question: ua.questions[0].id, SIPCredentialsAnswer(username: "alice", password: "wrong")))
        let sentWithWrong = ua.invites.count
        ua.answer(401, headers: [("WWW-Authenticate", UserAgentHarness.challenge(nonce: "two"))])
        #expect(ua.invites.count == sentWithWrong, "refused credentials must not be sent again")
        #expect(ua.events.contains {
            if case let .authenticationFailed(realm, _, code, _, _) = $0 { realm == "example.test" && code == 401 } else { false }
        })
        let second = try #require(ua.questions.last)
        #expect(ua.questions.count == 2)
        #expect(second.attempt == 2)
        #expect(second.lastWereRejected)

        // Giving up ends the call cleanly with the reason.
        ua.command(.credentials(question: second.id, nil))
        let end = try #require(ua.endOfCall)
        #expect(end.cause == .authenticationFailed)
        #expect(end.reason.contains("example.test"))
        #expect(ua.invites.count == sentWithWrong)
    }

    @Test func askingIsBoundedByTheAttemptLimit() throws {
        var ua = UserAgentHarness(authAttempts: 3)
        ua.call("sip:bob@198.51.100.1")
        ua.answer(401, headers: [("WWW-Authenticate", UserAgentHarness.challenge(nonce: "n0"))])
        for round in 1...3 {
            let question = try #require(ua.questions.last)
            #expect(question.attempt == round)
            ua.command(.credentials(question: question.id, SIPCredentialsAnswer(username: "alice", password: "wrong\(round)")))
            ua.answer(401, headers: [("WWW-Authenticate", UserAgentHarness.challenge(nonce: "n\(round)"))])
        }
        #expect(ua.questions.count == 3)
        let end = try #require(ua.endOfCall)
        #expect(end.cause == .authenticationFailed)
        #expect(end.reason.contains("refused 3 times"))
    }

    @Test func cancellingTheQuestionEndsTheCall() throws {
        var ua = UserAgentHarness()
        ua.call("sip:bob@198.51.100.1")
        ua.answer(407, headers: [("Proxy-Authenticate", UserAgentHarness.challenge())])
        ua.command(.credentials(question: ua.questions[0].id, nil))
        let end = try #require(ua.endOfCall)
        #expect(end.cause == .authenticationFailed)
        #expect(end.code == 407)
    }

    @Test func anUnansweredQuestionTimesOut() throws {
        var ua = UserAgentHarness()
        ua.call("sip:bob@198.51.100.1")
        ua.answer(401, headers: [("WWW-Authenticate", UserAgentHarness.challenge())])
        ua.run(until: ua.now + .seconds(301))
        let end = try #require(ua.endOfCall)
        #expect(end.cause == .authenticationFailed)
        #expect(end.reason.contains("in time"))
    }

    @Test func aRedirectToATargetThatChallengesAsksOnceForTheNewRealm() throws {
        var ua = UserAgentHarness()
        let call = ua.call("sip:bob@198.51.100.1")
        ua.answer(302, headers: [("Contact", "<sip:bob@198.51.100.2:5070>")])
        ua.answer(401, headers: [("WWW-Authenticate", UserAgentHarness.challenge(realm: "second.test"))])
        #expect(ua.questions.count == 1)
        #expect(ua.questions[0].realm == "second.test")
        #expect(ua.questions[0].host == "198.51.100.2:5070")
        ua.command(.credentials(question: ua.questions[0].id, SIPCredentialsAnswer(username: "alice", password: Self.password)))
        #expect(ua.lastRequest.message.requestURIText == "sip:bob@198.51.100.2:5070")
        #expect(ua.lastRequest.message.cseq?.sequence == 3)
        ua.answer(200, headers: [("Contact", "<sip:bob@198.51.100.2:5070>")])
        #expect(ua.agent.state(of: call) == .connected)
        #expect(ua.questions.count == 1)
    }

    @Test func credentialsCachedForARealmAndHostAnswerTheNextChallengeThereWithoutAsking() throws {
        var ua = UserAgentHarness()
        ua.call("sip:bob@198.51.100.1")
        ua.answer(407, headers: [("Proxy-Authenticate", UserAgentHarness.challenge(nonce: "p1"))])
        ua.command(.credentials(question: ua.questions[0].id, SIPCredentialsAnswer(username: "alice", password: Self.password)))
        ua.answer(486)
        // A second call to the same host: the stored nonce is reused with nc 2 at once.
        ua.call("sip:carol@198.51.100.1")
        let preemptive = try AuthorizationValue.parse(ua.lastRequest.message.value(.proxyAuthorization) ?? "")
        #expect(preemptive.nonce == "p1")
        #expect(preemptive.nc == "00000002")
        #expect(Self.verify(ua.lastRequest.message.value(.proxyAuthorization), method: "INVITE"))
        // The proxy wants a fresh nonce: answered from the cache, no question.
        ua.answer(407, headers: [("Proxy-Authenticate", UserAgentHarness.challenge(nonce: "p2"))])
        #expect(ua.questions.count == 1)
        let fresh = try AuthorizationValue.parse(ua.lastRequest.message.value(.proxyAuthorization) ?? "")
        #expect(fresh.nonce == "p2")
        #expect(fresh.nc == "00000001")
    }

    @Test func thePasswordAppearsInNoEvent() {
        var ua = UserAgentHarness()
        ua.call("sip:bob@198.51.100.1")
        ua.answer(401, headers: [("WWW-Authenticate", UserAgentHarness.challenge())])
        ua.command(.credentials(question: ua.questions[0].id, SIPCredentialsAnswer(username: "alice", password: Self.password)))
        ua.answer(401, headers: [("WWW-Authenticate", UserAgentHarness.challenge(nonce: "x2"))])
        ua.command(.credentials(question: ua.questions[1].id, SIPCredentialsAnswer(username: "alice", password: Self.password)))
        ua.answer(200, headers: [("Contact", "<sip:bob@198.51.100.1>")])
        for event in ua.events {
            #expect(!"\(event)".contains(Self.password))
            #expect(!String(reflecting: event).contains(Self.password))
        }
        for request in ua.sent { #expect(!request.message.text.contains(Self.password)) }
        #expect(!"\(SIPCredentialsAnswer(username: "a", password: Self.password))".contains(Self.password))
    }

    @Test func aChallengedBYEIsAnswered() throws {
        var ua = UserAgentHarness()
        let call = ua.call("sip:bob@198.51.100.1")
        ua.answer(200, headers: [("Contact", "<sip:bob@198.51.100.1>")])
        ua.command(.hangUp(call))
        let bye = ua.lastRequest
        #expect(bye.method == "BYE")
        ua.answer(401, headers: [("WWW-Authenticate", UserAgentHarness.challenge())])
        ua.command(.credentials(question: ua.questions[0].id, SIPCredentialsAnswer(username: "alice", password: Self.password)))
        #expect(ua.lastRequest.method == "BYE")
        #expect(ua.lastRequest.message.cseq?.sequence == (bye.message.cseq?.sequence ?? 0) + 1)
        #expect(Self.verify(ua.lastRequest.message.value(.authorization), method: "BYE"))
        ua.answer(200)
        #expect(ua.endOfCall?.cause == .normal)
    }
}
