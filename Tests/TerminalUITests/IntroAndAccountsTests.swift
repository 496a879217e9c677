import SIPCore
import SIPUserAgent
import Testing
@testable import TerminalUI

/// What the wiring adds to the screen: the demo's intro lines in the empty call panel and
/// the help, the reminder on the empty dial line, every account in the status bar, and
/// `[keys]` written with underscores.
@Suite struct IntroAndAccountsTests {
    static let intro = ["Demo peer on 127.0.0.1:5555 — no account needed. Type a number and press Enter:",
                        "  100  answers", "  302  302 Moved Temporarily to 100, which answers",
                        "When asked for credentials: username demo, password demo."]

    @Test func theIntroFillsTheEmptyCallPanelAndLeavesWithTheFirstCall() throws {
        var s = state(after: [], account: true)
        s.intro = Self.intro
        s.dialHint = "demo: 100 answers · 302 redirects"
        let screen = Screen.render(s)
        #expect(row(screen, containing: "Demo peer on 127.0.0.1:5555") != nil)
        #expect(screen.role(of: "Demo peer on 127.0.0.1:5555") == .notice)
        #expect(row(screen, containing: "username demo, password demo") != nil)
        #expect(row(screen, containing: "Dial ▸")?.contains("demo: 100 answers · 302 redirects") == true)
        #expect(Layout(s).calls.height == 1 + Self.intro.count)

        type(&s, "1")
        #expect(row(Screen.render(s), containing: "Dial ▸")?.contains("demo: 100 answers") == false)
        let effects = type(&s, "00") + press(&s, .enter)
        guard case let .send(.call(uri, _, _))? = effects.first else {
            Issue.record("no call: \(effects)")
            return
        }
        _ = s.update(.event(.callStarted(SIPCallHandle(1), outgoing: true, remote: uri, local: PreviewScript.account.addressOfRecord)))
        let withCall = Screen.render(s)
        #expect(row(withCall, containing: "Demo peer on") == nil)
        #expect(row(withCall, containing: "Calling") != nil)
    }

    /// Outside the dial line the reminder shortens before the demo's numbers are cut.
    @Test(arguments: [(140, "press d or type a number"), (110, "d: dial  ·  demo"), (90, "demo: 100")])
    func theDialReminderKeepsTheDemoNumbersWhole(cols: Int, start: String) throws {
        var s = state(after: [], cols: cols, account: true)
        s.dialHint = "demo: 100 answers · 302 redirects · 401 asks demo/demo · 303 both · 486 busy"
        press(&s, .escape)
        let line = try #require(row(Screen.render(s), containing: "Dial ▸"))
        #expect(line.contains("Dial ▸ " + start), "\(line)")
        #expect(line.contains("486 busy"), "\(line)")
    }

    @Test func helpStartsWithTheIntro() {
        var s = state(after: [])
        s.intro = Self.intro
        press(&s, .escape, .character("?"))
        let screen = Screen.render(s)
        #expect(row(screen, containing: "Demo peer on 127.0.0.1:5555") != nil)
        #expect(row(screen, containing: "Anywhere") != nil)
    }

    @Test func theStatusBarShowsEveryAccount() throws {
        let work = SIPAccount(id: "work", addressOfRecord: try SIPURI(parsing: "sip:alice@example.test"),
                              registrar: try SIPURI(parsing: "sip:registrar.example.test"))
        let home = SIPAccount(id: "home", addressOfRecord: try SIPURI(parsing: "sip:al@home.test"),
                              registrar: try SIPURI(parsing: "sip:home.test"))
        var s = AppState(accounts: [work, home], size: (120, 40), clock: WallClock(seconds: t0))
        _ = s.update(.event(.registration(account: "work", .registered(expires: 3600))))
        _ = s.update(.event(.registration(account: "home", .failed(code: 403, reason: "Forbidden", explanation: ""))))
        let bar = Screen.render(s).lines[0]
        #expect(bar.contains("alice@example.test registered"))
        #expect(bar.contains("· home registration failed: 403 Forbidden"))
        #expect(Screen.render(s).role(of: "registration failed: 403") == .statusBad)
    }

    @Test func keyNamesMayUseUnderscores() throws {
        let map = try KeyMap(rebinding: ["hang_up": ["x"]])
        #expect(map.action(for: .character("x"), in: [.browse]) == .hangUp)
        #expect(map.action(for: .character("h"), in: [.browse]) == nil)
    }
}
