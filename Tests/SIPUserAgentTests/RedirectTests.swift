import SIPCore
import SIPTransaction
import Testing
@testable import SIPUserAgent

/// DESIGN.md, "302": the target set, q order, the cap, loops, 301/305/380, policies.
@Suite struct RedirectTests {
    @Test func a302RetriesAtTheContactWithTheSameCallIDFromAndToAndTheNextCSeq() throws {
        var ua = UserAgentHarness()
        let call = ua.call("sip:bob@198.51.100.1:5062")
        let first = ua.lastRequest
        ua.answer(100)
        ua.answer(302, headers: [("Contact", "<sip:bob@198.51.100.2:5064>")])

        #expect(ua.redirects.count == 1)
        let notice = try #require(ua.redirects.first)
        #expect(notice.text == "moved temporarily to sip:bob@198.51.100.2:5064")
        #expect(notice.code == 302)
        #expect(notice.attempt == 2)
        #expect(notice.from.description == "sip:bob@198.51.100.1:5062")

        #expect(ua.invites.count == 2)
        let second = ua.lastRequest
        #expect(second.message.requestURIText == "sip:bob@198.51.100.2:5064")
        #expect(second.nextHop.description == "sip:bob@198.51.100.2:5064")
        #expect(second.message.callID == first.message.callID)
        #expect(second.message.value(.from) == first.message.value(.from))
        #expect(second.message.value(.to) == first.message.value(.to))
        #expect(second.message.cseq == SIPCSeq(2, .invite))
        #expect(second.message.topVia?.branch != first.message.topVia?.branch)
        #expect(second.message.body == first.message.body)

        ua.answer(180)
        ua.answer(200, headers: [("Contact", "<sip:bob@198.51.100.2:5064>")])
        #expect(ua.agent.state(of: call) == .connected)
        let (ack, hop) = try #require(ua.stateless.last)
        #expect(ack.method == .ack)
        #expect(ack.cseq == SIPCSeq(2, .ack))
        #expect(hop.description == "sip:bob@198.51.100.2:5064")
        // The dialled URI is what the call still shows as its remote party.
        #expect(ua.events.contains { if case let .callStarted(_, _, remote, _) = $0 { remote.description == "sip:bob@198.51.100.1:5062" } else { false } })
    }

    @Test func contactsAreTriedByQHighestFirstAndAFailureTriesTheNext() {
        var ua = UserAgentHarness()
        let call = ua.call("sip:bob@198.51.100.1")
        ua.answer(302, headers: [("Contact", "<sip:low@198.51.100.3>;q=0.5, <sip:high@198.51.100.2>;q=0.9")])
        #expect(ua.lastRequest.message.requestURIText == "sip:high@198.51.100.2")
        ua.answer(486)
        #expect(ua.lastRequest.message.requestURIText == "sip:low@198.51.100.3")
        #expect(ua.lastRequest.message.cseq?.sequence == 3)
        #expect(ua.redirects.map(\.to.description) == ["sip:high@198.51.100.2", "sip:low@198.51.100.3"])
        ua.answer(200, headers: [("Contact", "<sip:low@198.51.100.3>")])
        #expect(ua.agent.state(of: call) == .connected)
    }

    @Test func aLoopEndsTheCallAndSendsNoThirdINVITE() throws {
        var ua = UserAgentHarness()
        ua.call("sip:a@198.51.100.1")
        ua.answer(302, headers: [("Contact", "<sip:b@198.51.100.2>")])
        ua.answer(302, headers: [("Contact", "<sip:a@198.51.100.1>")])
        #expect(ua.invites.count == 2)
        let end = try #require(ua.endOfCall)
        #expect(end.cause == .redirectFailed)
        #expect(end.reason.hasPrefix("redirect loop"))
        #expect(end.reason.contains("sip:a@198.51.100.1"))
    }

    @Test func theChainIsCappedAtTheLimit() throws {
        var ua = UserAgentHarness(redirectLimit: 3)
        ua.call("sip:t0@198.51.100.1")
        for hop in 1...4 {
            ua.answer(302, headers: [("Contact", "<sip:t\(hop)@198.51.100.1>")])
        }
        #expect(ua.invites.count == 4)
        let end = try #require(ua.endOfCall)
        #expect(end.cause == .redirectFailed)
        #expect(end.reason.contains("too many redirects"))
    }

    @Test func aRedirectWithoutAUsableContactIsAClearError() throws {
        var ua = UserAgentHarness()
        ua.call("sip:bob@198.51.100.1")
        ua.answer(302, headers: [("Contact", "<tel:+15550100>")])
        let end = try #require(ua.endOfCall)
        #expect(end.cause == .redirectFailed)
        #expect(end.reason.contains("no usable Contact"))
        #expect(ua.invites.count == 1)
    }

    @Test func a301SaysMovedPermanentlyAndOffersAnUpdate() throws {
        var ua = UserAgentHarness()
        ua.call("sip:bob@198.51.100.1")
        ua.answer(301, headers: [("Contact", "<sip:bob@198.51.100.9>")])
        let notice = try #require(ua.redirects.first)
        #expect(notice.text == "moved permanently to sip:bob@198.51.100.9")
        #expect(notice.offersUpdate)
    }

    @Test func a305And380AreExplainedNotFollowed() throws {
        for (code, words) in [(305, "use proxy"), (380, "alternative service")] {
            var ua = UserAgentHarness()
            ua.call("sip:bob@198.51.100.1")
            ua.answer(code, headers: [("Contact", "<sip:proxy@198.51.100.7>")])
            let end = try #require(ua.endOfCall)
            #expect(end.code == code)
            #expect(end.reason.contains(words))
            #expect(ua.invites.count == 1)
        }
    }

    @Test func the300AndTheAskPolicyOfferAChoice() throws {
        for (code, policy) in [(300, SIPRedirectPolicy.follow), (302, .ask)] {
            var ua = UserAgentHarness(redirectPolicy: policy)
            ua.call("sip:bob@198.51.100.1")
            ua.answer(code, headers: [("Contact", "<sip:one@198.51.100.2>;q=0.9, <sip:two@198.51.100.3>;q=0.1")])
            #expect(ua.invites.count == 1)
            guard case let .redirectChoice(_, question, targets, offeredCode)? = ua.events.last else {
                Issue.record("no choice offered")
                continue
            }
            #expect(offeredCode == code)
            #expect(targets.map(\.description) == ["sip:one@198.51.100.2", "sip:two@198.51.100.3"])
            ua.command(.chooseRedirect(question: question, index: 1))
            #expect(ua.lastRequest.message.requestURIText == "sip:two@198.51.100.3")
        }
    }

    @Test func theNeverPolicyEndsTheCallNamingTheTarget() throws {
        var ua = UserAgentHarness(redirectPolicy: .never)
        ua.call("sip:bob@198.51.100.1")
        ua.answer(302, headers: [("Contact", "<sip:bob@198.51.100.2>")])
        let end = try #require(ua.endOfCall)
        #expect(end.cause == .redirectFailed)
        #expect(end.reason.contains("sip:bob@198.51.100.2"))
        #expect(ua.invites.count == 1)
    }

    @Test func aTimeoutAtARedirectTargetTriesTheNextOne() {
        var ua = UserAgentHarness()
        ua.call("sip:bob@198.51.100.1")
        ua.answer(302, headers: [("Contact", "<sip:a@198.51.100.2>;q=0.8, <sip:b@198.51.100.3>;q=0.4")])
        ua.outcome(.timedOut)
        #expect(ua.lastRequest.message.requestURIText == "sip:b@198.51.100.3")
    }

    @Test func uriHeadersInAContactBecomeHeaderFieldsButNotIdentity() {
        var ua = UserAgentHarness()
        ua.call("sip:bob@198.51.100.1")
        ua.answer(302, headers: [("Contact", "<sip:bob@198.51.100.2?Subject=hi&From=sip:evil%40x>")])
        let invite = ua.lastRequest.message
        #expect(invite.requestURIText == "sip:bob@198.51.100.2")
        #expect(invite.value("Subject") == "hi")
        #expect(invite.values(.from).count == 1)
        #expect(!(invite.value(.from) ?? "").contains("evil"))
    }
}
