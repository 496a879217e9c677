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
        #expect(s.dialError == "no history entry or contact starts with \"zzz\"")
    }

    /// A contact's name dials its target; the history keeps the name; Tab completes
    /// names after history entries; the wiring is told what to keep.
    @Test func contactsAreDialledByNameAndCompleted() {
        var s = state(after: [])
        s.contacts = [SIPDialContact(name: "Carol", target: "sip:carol@pbx.test:5070"),
                      SIPDialContact(name: "front desk", target: "100")]
        type(&s, " carol ")
        let effects = press(&s, .enter)
        guard case let .send(.call(uri, _, _))? = effects.first else {
            Issue.record("expected a call, got \(effects)")
            return
        }
        #expect(uri.description == "sip:carol@pbx.test:5070")
        guard case let .dialled(entry)? = effects.last else {
            Issue.record("the wiring was not told to keep the entry: \(effects)")
            return
        }
        #expect(entry == "carol" && s.history == ["carol"])

        press(&s, .character("d"))
        type(&s, "c")
        press(&s, .tab)
        #expect(s.dialLine.text == "carol", "the history entry comes first")
        press(&s, .tab)
        #expect(s.dialLine.text == "Carol", "then the contact")
        press(&s, .ctrl("u"))
        type(&s, "FR")
        press(&s, .tab)
        #expect(s.dialLine.text == "front desk")
        let frontDesk = press(&s, .enter)
        guard case let .send(.call(desk, _, _))? = frontDesk.first else {
            Issue.record("expected a call, got \(frontDesk)")
            return
        }
        #expect(desk.description == "sip:100@example.test", "a number target is taken at the account's domain")
        #expect(s.history.last == "front desk")
    }

    @Test func withNothingToCompleteTabSaysSo() {
        var s = state(after: [])
        type(&s, "x")
        press(&s, .tab)
        #expect(s.dialError == "nothing in the history or the contacts yet")
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

    /// A 301 offers to make the new address what the history dials (u); a 302 never does.
    @Test(arguments: [301, 302])
    func aMovedPermanentlyIsOfferedForTheHistory(code: Int) throws {
        var s = state(after: [])
        s.history = ["alice"]
        type(&s, "bob")
        let effects = press(&s, .enter)
        guard case let .send(.call(uri, _, _))? = effects.first else {
            Issue.record("expected a call, got \(effects)")
            return
        }
        let moved = try SIPURI(parsing: "sip:bob@new.example.test")
        let handle = SIPCallHandle(7)
        _ = s.update(.event(.callStarted(handle, outgoing: true, remote: uri, local: PreviewScript.account.addressOfRecord)))
        _ = s.update(.event(.redirected(handle, SIPRedirectNotice(from: uri, to: moved, code: code, attempt: 2))))
        let screen = Screen.render(s)
        let taken = press(&s, .character("u"))
        if code == 301 {
            #expect(row(screen, containing: "moved permanently to sip:bob@new.example.test")?.contains("u: dial it from now on") == true,
                    "\(screen.lines.joined(separator: "\n"))")
            guard case let .historyReplaced(old, new)? = taken.first else {
                Issue.record("no history change: \(taken)")
                return
            }
            #expect(old == "bob" && new == "sip:bob@new.example.test")
            #expect(s.history == ["alice", "sip:bob@new.example.test"])
            #expect(s.shownMessage?.text == "history: sip:bob@new.example.test replaces \"bob\"")
            #expect(press(&s, .character("u")).isEmpty, "taken once")
        } else {
            #expect(row(screen, containing: "dial it from now on") == nil)
            #expect(taken.isEmpty)
            #expect(s.history == ["alice", "bob"], "a 302 never changes the history")
            #expect(s.shownMessage?.text == "no 301 Moved Permanently to take")
        }
    }
}
