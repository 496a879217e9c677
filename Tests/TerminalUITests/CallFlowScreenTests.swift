import SIPCore
import SIPUserAgent
import Testing
@testable import TerminalUI

/// The two moments that matter most (DESIGN.md): a 302 and a 401, as the screen shows them.
@Suite struct CallFlowScreenTests {
    let script = PreviewScript(start: t0)

    @Test func theRedirectNoticeSaysWhereTheCallWentAndWhy() {
        let s = state(after: script.untilCredentials())
        let screen = Screen.render(s)
        let notice = "moved temporarily to sip:bob@203.0.113.7"
        #expect(screen.role(of: notice) == .redirect)
        let line = row(screen, containing: notice)
        #expect(line?.contains("302 from sip:bob@198.51.100.5, attempt 2") == true)
        // The call line: remote party, state, elapsed time, last provisional.
        let call = row(screen, containing: "#1")
        #expect(call?.contains("sip:bob@198.51.100.5") == true)
        #expect(call?.contains("Trying") == true)
        #expect(call?.contains("last: 100 Trying") == true)
        #expect(screen.role(of: "Trying  ") == .callTrying)
    }

    @Test func theCredentialPromptShowsWhoAsksAndMasksThePassword() {
        var s = state(after: script.untilCredentials())
        var screen = Screen.render(s)
        let header = row(screen, containing: "401 Unauthorized to INVITE from 203.0.113.7")
        #expect(header?.contains("realm \"example.test\"") == true)
        #expect(screen.role(of: "Credentials needed") == .prompt)
        #expect(row(screen, containing: "Username:")?.contains("alice") == true)
        // It hides neither the call nor the log line of the 401 that caused it.
        #expect(screen.find("moved temporarily") != nil)
        #expect(screen.role(of: "401 Unauthorized  ") == .response4xx)

        // Username first (prefilled); Enter moves to the password.
        #expect(press(&s, .enter).isEmpty)
        type(&s, "s3cret")
        screen = Screen.render(s)
        #expect(screen.find("s3cret") == nil)
        #expect(row(screen, containing: "Password:")?.contains("••••••") == true)
        #expect(screen.cursor?.y == screen.find("Password:")?.y)

        let effects = press(&s, .enter)
        guard case let .send(.credentials(question, answer))? = effects.first else {
            Issue.record("expected a credentials answer, got \(effects)")
            return
        }
        #expect(question == 1)
        #expect(answer?.username == "alice" && answer?.password == "s3cret" && answer?.remember == true)
        #expect(s.prompt == nil)
        #expect(Screen.render(s).find("s3cret") == nil)
    }

    @Test func aSecondTrySaysTheLastPasswordWasRejected() {
        var s = state(after: script.untilCredentials())
        press(&s, .enter)
        type(&s, "wrong")
        press(&s, .enter)
        _ = s.update(.event(.credentialsNeeded(SIPCredentialsQuestion(
            id: 2, realm: "example.test", host: "203.0.113.7", code: 407, method: "INVITE", attempt: 2,
            suggestedUsername: "alice", call: SIPCallHandle(1), account: nil))))
        let screen = Screen.render(s)
        #expect(screen.role(of: "second try: the last password was rejected") == .error)
        #expect(screen.find("407 Proxy Authentication Required to INVITE") != nil)
        // The remember toggle.
        #expect(screen.find("[x] remember for this session") != nil)
        press(&s, .ctrl("t"))
        #expect(Screen.render(s).find("[ ] remember for this session") != nil)
    }

    @Test func escapeCancelsTheQuestion() {
        var s = state(after: script.untilCredentials())
        let effects = press(&s, .escape)
        guard case let .send(.credentials(question, answer))? = effects.first else {
            Issue.record("expected a cancellation, got \(effects)")
            return
        }
        #expect(question == 1 && answer == nil)
        #expect(s.prompt == nil)
    }

    @Test func theConnectedCallAndItsEnd() {
        var s = state(after: script.untilCredentials())
        press(&s, .enter)
        type(&s, "pw")
        press(&s, .enter)
        feed(&s, script.afterCredentials(), from: t0 + 3)
        _ = s.update(.tick(WallClock(seconds: t0 + 5.8 + 7))) // connected at +5.8
        var screen = Screen.render(s)
        #expect(screen.role(of: "Connected") == .callConnected)
        #expect(row(screen, containing: "Connected")?.contains("0:07") == true)

        _ = s.update(.event(.callState(SIPCallHandle(1), .ended(SIPCallEnd(cause: .rejected, code: 486, reason: "Busy Here")))))
        screen = Screen.render(s)
        let end = row(screen, containing: "✗ 486 Busy Here")
        #expect(end != nil)
        // The catalog's one-line explanation follows the code.
        #expect(end?.contains("—") == true)
        #expect(screen.role(of: "486 Busy Here —") == .callFailed)
    }

    @Test func aRedirectChoiceIsAChooser() {
        var s = state(after: [])
        let targets = [try! SIPURI(parsing: "sip:bob@a.example"), try! SIPURI(parsing: "sip:bob@b.example")]
        _ = s.update(.event(.redirectChoice(SIPCallHandle(3), question: 9, targets: targets, code: 300)))
        let screen = Screen.render(s)
        #expect(screen.find("300 Multiple Choices") != nil)
        #expect(screen.role(of: "1  sip:bob@a.example") == .selection)
        press(&s, .down)
        guard case let .send(.chooseRedirect(question, index))? = press(&s, .enter).first else {
            Issue.record("expected a choice")
            return
        }
        #expect(question == 9 && index == 1)
    }

    @Test func quittingWithACallUpAsksFirst() {
        var s = state(after: script.untilCredentials())
        press(&s, .escape) // cancel the question
        press(&s, .escape) // leave the dial line
        #expect(press(&s, .character("q")).isEmpty)
        #expect(Screen.render(s).find("Hang up and quit? (y/n)") != nil)
        press(&s, .character("n"))
        #expect(s.prompt == nil)
        press(&s, .character("q"))
        let effects = press(&s, .character("y"))
        #expect(effects.count == 3)
        if case .send(.hangUp(SIPCallHandle(1))) = effects[0] {} else { Issue.record("no hang-up: \(effects)") }
        if case .send(.unregister(account: "preview")) = effects[1] {} else { Issue.record("no unregister: \(effects)") }
        if case .quit = effects[2] {} else { Issue.record("no quit: \(effects)") }
    }
}

@Suite struct LayoutTests {
    @Test func aQuestionBoxDoesNotPushTheNewestLogLineOutOfView() {
        let s = state(after: PreviewScript(start: t0).untilCredentials(), cols: 100, rows: 30)
        let screen = Screen.render(s)
        #expect(s.prompt != nil)
        // The ACK of the 401 is the newest line; it stays visible above the question.
        #expect(screen.find("ACK sip:bob@203.0.113.7") != nil)
        #expect(screen.find("Credentials needed")!.y > screen.find("ACK sip:bob@203.0.113.7")!.y)
    }
}
