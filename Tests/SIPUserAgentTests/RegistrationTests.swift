import SIPCore
import SIPTransaction
import Testing
@testable import SIPUserAgent

/// REGISTER: binding, refresh before expiry, 423, challenges with nonce reuse, failure, unregister.
@Suite struct RegistrationTests {
    static func account(expires: Int = 600) -> SIPAccount {
        SIPAccount(id: "alice", addressOfRecord: try! SIPURI(parsing: "sip:alice@example.test"),
                   registrar: try! SIPURI(parsing: "sip:registrar.example.test:5070"), registerExpires: expires)
    }

    var registrationStates: [String] = []

    static func states(_ ua: UserAgentHarness) -> [String] {
        ua.events.compactMap { if case let .registration(_, state) = $0 { state.description } else { nil } }
    }

    @Test func registersAndRefreshesBeforeExpiryWithTheSameCallIDAndTheNextCSeq() throws {
        var ua = UserAgentHarness(accounts: [Self.account(expires: 600)])
        ua.command(.register(account: "alice"))
        let first = ua.lastRequest
        #expect(first.method == "REGISTER")
        #expect(first.message.requestURIText == "sip:registrar.example.test:5070")
        #expect(first.message.value(.to) == "<sip:alice@example.test>")
        #expect(first.message.value(.expires) == "600")
        #expect(first.message.value(.contact) == "<sip:alice@192.0.2.10:5060>")
        ua.answer(200, headers: [("Contact", "<sip:alice@192.0.2.10:5060>;expires=300")])
        #expect(Self.states(ua) == ["registering", "registered (expires in 300 s)"])
        #expect(ua.armed[.registrationRefresh(account: "alice")] == .origin + .seconds(240))

        ua.run(until: .origin + .seconds(240))
        let refresh = ua.lastRequest
        #expect(refresh.method == "REGISTER")
        #expect(refresh.message.callID == first.message.callID)
        #expect(refresh.message.cseq?.sequence == 2)
        #expect(refresh.message.from?.tag == first.message.from?.tag)
    }

    @Test func a423IsRetriedWithMinExpires() {
        var ua = UserAgentHarness(accounts: [Self.account(expires: 30)])
        ua.command(.register(account: "alice"))
        ua.answer(423, headers: [("Min-Expires", "120")])
        #expect(ua.lastRequest.message.value(.expires) == "120")
        #expect(ua.lastRequest.message.cseq?.sequence == 2)
        ua.answer(200, headers: [("Expires", "120")])
        #expect(Self.states(ua).last == "registered (expires in 120 s)")
        #expect(ua.armed[.registrationRefresh(account: "alice")] == .origin + .seconds(60))
    }

    @Test func aChallengedREGISTERAsksOnceAndTheRefreshReusesTheNonceWithTheNextNC() throws {
        var ua = UserAgentHarness(accounts: [Self.account(expires: 60)])
        ua.command(.register(account: "alice"))
        ua.answer(401, headers: [("WWW-Authenticate", UserAgentHarness.challenge(realm: "example.test", nonce: "reg-1"))])
        let question = try #require(ua.questions.first)
        #expect(question.method == "REGISTER")
        #expect(question.account == "alice")
        #expect(question.suggestedUsername == "alice")
        ua.command(.credentials(question: question.id, SIPCredentialsAnswer(username: "alice", password: UserAgentHarness.password)))
        #expect(AuthenticationTests.verify(ua.lastRequest.message.value(.authorization), method: "REGISTER"))
        ua.answer(200, headers: [("Contact", "<sip:alice@192.0.2.10:5060>;expires=60")])
        ua.run(until: .origin + .seconds(30))
        let refresh = try AuthorizationValue.parse(ua.lastRequest.message.value(.authorization) ?? "")
        #expect(refresh.nonce == "reg-1")
        #expect(refresh.nc == "00000002")
        // The nonce expired without stale=true: the stored credentials answer the fresh
        // challenge before anyone is asked.
        ua.answer(401, headers: [("WWW-Authenticate", UserAgentHarness.challenge(realm: "example.test", nonce: "reg-2"))])
        #expect(ua.questions.count == 1)
        let answered = try AuthorizationValue.parse(ua.lastRequest.message.value(.authorization) ?? "")
        #expect(answered.nonce == "reg-2")
        #expect(answered.nc == "00000001")
    }

    @Test func aRefusalIsAFailureWithCodeReasonAndExplanation() throws {
        var ua = UserAgentHarness(accounts: [Self.account()])
        ua.command(.register(account: "alice"))
        ua.answer(403)
        guard case let .registration(_, .failed(code, reason, explanation))? = ua.events.last else {
            Issue.record("no failure event")
            return
        }
        #expect(code == 403)
        #expect(reason == "Forbidden")
        #expect(!explanation.isEmpty)
    }

    @Test func aTimeoutFailsAndRetriesLater() {
        var ua = UserAgentHarness(accounts: [Self.account()])
        ua.command(.register(account: "alice"))
        ua.outcome(.timedOut)
        #expect(Self.states(ua).last?.contains("408") == true)
        ua.run(until: .origin + .seconds(60))
        #expect(ua.sent.filter { $0.method == "REGISTER" }.count == 2)
    }

    @Test func unregisterSendsExpiresZeroAndEndsUnregistered() {
        var ua = UserAgentHarness(accounts: [Self.account()])
        ua.command(.register(account: "alice"))
        ua.answer(200, headers: [("Expires", "600")])
        ua.command(.unregister(account: "alice"))
        #expect(ua.lastRequest.message.value(.expires) == "0")
        #expect(ua.armed[.registrationRefresh(account: "alice")] == nil)
        ua.answer(200)
        #expect(Self.states(ua).suffix(2) == ["unregistering", "unregistered"])
        #expect(ua.agent.isIdle)
    }
}

@Suite struct RegistrationCredentialTests {
    @Test func aRegistrarsCredentialsDoNotRideOnAnINVITEButAnswerItsChallengeWithoutAsking() throws {
        let account = SIPAccount(id: "alice", addressOfRecord: try SIPURI(parsing: "sip:alice@example.test"),
                                 registrar: try SIPURI(parsing: "sip:127.0.0.1:5070"),
                                 outboundProxy: try SIPURI(parsing: "sip:127.0.0.1:5070"))
        var ua = UserAgentHarness(accounts: [account])
        ua.command(.register(account: "alice"))
        ua.answer(401, headers: [("WWW-Authenticate", UserAgentHarness.challenge(realm: "example.test", nonce: "r1"))])
        ua.command(.credentials(question: ua.questions[0].id, SIPCredentialsAnswer(username: "alice", password: UserAgentHarness.password)))
        ua.answer(200, headers: [("Expires", "600")])

        ua.call("sip:bob@example.test", account: "alice")
        let invite = ua.lastRequest.message
        #expect(invite.value(.authorization) == nil, "REGISTER's answer is not sent on an INVITE unasked")
        #expect(invite.value(.proxyAuthorization) == nil)
        ua.answer(407, headers: [("Proxy-Authenticate", UserAgentHarness.challenge(realm: "example.test", nonce: "p1"))])
        #expect(ua.questions.count == 1, "the cached credentials answer the proxy")
        #expect(AuthenticationTests.verify(ua.lastRequest.message.value(.proxyAuthorization), method: "INVITE"))
    }
}

extension RegistrationCredentialTests {
    @Test func afterTheProxyAnsweredTheRefreshStillSendsAuthorization() throws {
        let account = SIPAccount(id: "alice", addressOfRecord: try SIPURI(parsing: "sip:alice@example.test"),
                                 registrar: try SIPURI(parsing: "sip:127.0.0.1:5070"),
                                 outboundProxy: try SIPURI(parsing: "sip:127.0.0.1:5070"), registerExpires: 60)
        var ua = UserAgentHarness(accounts: [account])
        ua.command(.register(account: "alice"))
        ua.answer(401, headers: [("WWW-Authenticate", UserAgentHarness.challenge(realm: "example.test", nonce: "r1"))])
        ua.command(.credentials(question: ua.questions[0].id, SIPCredentialsAnswer(username: "alice", password: UserAgentHarness.password)))
        ua.answer(200, headers: [("Expires", "60")])
        ua.call("sip:bob@example.test", account: "alice")
        ua.answer(407, headers: [("Proxy-Authenticate", UserAgentHarness.challenge(realm: "example.test", nonce: "p1"))])
        ua.run(until: ua.now + .seconds(30))
        let refresh = ua.sent.last { $0.method == "REGISTER" }
        #expect(refresh?.message.value(.authorization) != nil)
        #expect(refresh?.message.value(.proxyAuthorization) == nil)
    }
}
