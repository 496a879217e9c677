import Testing
@testable import TerminalUI

@Suite struct KeyMapTests {
    @Test func defaults() {
        let map = KeyMap.standard
        #expect(map.action(for: .character("h"), in: [.browse]) == .hangUp)
        #expect(map.action(for: .up, in: [.dial, .edit]) == .historyPrevious)
        #expect(map.action(for: .up, in: [.browse]) == .selectUp)
        #expect(map.action(for: .ctrl("w"), in: [.dial, .edit]) == .killWord)
        for action in Action.allCases {
            #expect(!map.keys(for: action).isEmpty, "\(action) has no key")
            #expect(action.defaultKeys.allSatisfy { Key(name: $0) != nil }, "\(action) has a bad default")
        }
    }

    @Test func rebindingMovesTheKey() throws {
        let map = try KeyMap(rebinding: ["hang-up": ["x", "ctrl-x"], "answer": ["h"]])
        #expect(map.action(for: .character("x"), in: [.browse]) == .hangUp)
        #expect(map.action(for: .ctrl("x"), in: [.browse]) == .hangUp)
        #expect(map.action(for: .character("h"), in: [.browse]) == .answer)
        #expect(map.action(for: .character("a"), in: [.browse]) == nil)
        #expect(map.label(for: .hangUp) == "x / Ctrl-X")
    }

    @Test func aKeyGivenToAnotherActionOfTheScopeLeavesIt() throws {
        let map = try KeyMap(rebinding: ["ladder": ["q"]])
        #expect(map.action(for: .character("q"), in: [.browse]) == .ladder)
        #expect(map.keys(for: .quit).isEmpty)
    }

    @Test func clearErrors() {
        #expect(throws: KeyMap.Failure.self) { try KeyMap(rebinding: ["hangup": ["h"]]) }
        do {
            _ = try KeyMap(rebinding: ["hangup": ["h"]])
        } catch {
            #expect(error.text.hasPrefix("[keys]: unknown action \"hangup\" (known: interrupt, help"))
        }
        do {
            _ = try KeyMap(rebinding: ["hang-up": ["ctrl-"]])
        } catch {
            #expect(error.text.hasPrefix("[keys] hang-up: unknown key \"ctrl-\""))
        }
        do {
            _ = try KeyMap(rebinding: ["hang-up": ["x"], "answer": ["x"]])
            Issue.record("two actions got one key")
        } catch {
            #expect(error.text == "[keys]: \"x\" is given to both answer and hang-up")
        }
    }

    @Test func keyNames() {
        #expect(Key(name: "C-a") == .ctrl("a"))
        #expect(Key(name: "^E") == .ctrl("e"))
        #expect(Key(name: "PageDown") == .pageDown)
        #expect(Key(name: "f12") == .function(12))
        #expect(Key(name: "space") == .character(" "))
        #expect(Key(name: "G") == .character("G"))
        #expect(Key(name: "hyper-x") == nil)
    }
}
