import SIPCore
import SIPUserAgent
import Testing
@testable import TerminalUI

@Suite struct DialLineTests {
    @Test func readlineEditing() {
        var s = state(after: [])
        type(&s, "bob@hst")
        press(&s, .left, .left)
        type(&s, "o")
        #expect(s.dialLine.text == "bob@host")
        press(&s, .ctrl("a"))
        type(&s, "x")
        press(&s, .ctrl("e"), .backspace)
        #expect(s.dialLine.text == "xbob@hos")
        press(&s, .home, .delete)
        #expect(s.dialLine.text == "bob@hos")
        press(&s, .end)
        type(&s, "t two")
        press(&s, .ctrl("w"))
        #expect(s.dialLine.text == "bob@host ")
        press(&s, .ctrl("u"))
        #expect(s.dialLine.text.isEmpty)
        type(&s, "電話")
        let screen = Screen.render(s)
        #expect(screen.lines[1].hasPrefix("Dial ▸ 電話"))
        #expect(screen.cursor?.x == 7 + 4 && screen.cursor?.y == 1)
    }

    @Test func enterDialsAtTheAccountsDomain() {
        var s = state(after: [])
        type(&s, "bob")
        let effects = press(&s, .enter)
        guard case let .send(.call(uri, account, _))? = effects.first else {
            Issue.record("expected a call, got \(effects)")
            return
        }
        #expect(uri.description == "sip:bob@example.test")
        #expect(account == "preview")
        #expect(s.history == ["bob"])
        #expect(s.dialLine.isEmpty && s.focus == .browse)
    }

    @Test func whatCannotBeDialledIsSaidInline() {
        var s = state(after: [], account: false)
        type(&s, "bob")
        #expect(press(&s, .enter).isEmpty)
        let screen = Screen.render(s)
        #expect(screen.role(of: "✗ \"bob\" needs a domain") == .error)
        #expect(screen.lines[1].contains("Dial ▸ bob"))
        type(&s, "@example.test")
        #expect(s.dialError == nil)
    }

    @Test func historyAndCompletion() {
        var s = state(after: [])
        for text in ["sip:carol@pbx.test", "bob@host.test", "sip:cathy@pbx.test"] {
            type(&s, text)
            press(&s, .enter)
            press(&s, .character("d"))
        }
        press(&s, .up)
        #expect(s.dialLine.text == "sip:cathy@pbx.test")
        press(&s, .up, .up)
        #expect(s.dialLine.text == "sip:carol@pbx.test")
        press(&s, .down, .down, .down)
        #expect(s.dialLine.text.isEmpty)
        type(&s, "sip:ca")
        press(&s, .tab)
        #expect(s.dialLine.text == "sip:cathy@pbx.test")
        press(&s, .tab)
        #expect(s.dialLine.text == "sip:carol@pbx.test")
        press(&s, .ctrl("u"))
        type(&s, "zzz")
        press(&s, .tab)
        #expect(s.dialError == "no history entry starts with \"zzz\"")
    }

    @Test func escLeavesTheDialLineThenKeysAreActions() {
        var s = state(after: PreviewScript(start: t0).untilCredentials())
        press(&s, .escape) // the credentials question
        press(&s, .escape)
        #expect(s.focus == .browse)
        guard case .send(.hangUp(SIPCallHandle(1)))? = press(&s, .character("h")).first else {
            Issue.record("h did not hang up")
            return
        }
        // A digit starts dialling again.
        press(&s, .character("5"))
        #expect(s.focus == .dialLine && s.dialLine.text == "5")
    }
}
