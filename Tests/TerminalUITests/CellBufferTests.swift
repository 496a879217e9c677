import Testing
@testable import TerminalUI

@Suite struct CellBufferTests {
    @Test func wideGraphemesTakeTwoCells() {
        var buffer = CellBuffer(width: 10, height: 1)
        let end = buffer.write("a電話b", x: 0, y: 0, role: .text)
        #expect(end == 6)
        #expect(buffer[1, 0].character == "電")
        #expect(buffer[2, 0].isContinuation)
        #expect(buffer.lines == ["a電話b"])
    }

    @Test func aWideGraphemeThatWouldBeCutBecomesASpace() {
        var buffer = CellBuffer(width: 4, height: 1)
        buffer.write("abc電", x: 0, y: 0, role: .text)
        #expect(buffer.line(0) == "abc ")
    }

    @Test func overwritingHalfAWideGraphemeBlanksTheOtherHalf() {
        var buffer = CellBuffer(width: 4, height: 1)
        buffer.write("電", x: 0, y: 0, role: .text)
        buffer.write("x", x: 1, y: 0, role: .error)
        #expect(buffer.line(0) == " x  ")
        #expect(!buffer[1, 0].isContinuation)
    }

    @Test func controlCharactersNeverReachACell() {
        var buffer = CellBuffer(width: 6, height: 1)
        buffer.write("a\u{1B}[b", x: 0, y: 0, role: .text)
        #expect(buffer.line(0) == "a·[b  ")
    }

    @Test func diffHoldsOnlyWhatChanged() {
        var a = CellBuffer(width: 10, height: 2)
        a.write("hello", x: 0, y: 0, role: .text)
        var b = a
        b.write("J", x: 0, y: 0, role: .text)
        b.write("!", x: 9, y: 1, role: .error)
        let changes = b.changes(since: a)
        #expect(changes.count == 2)
        #expect(changes[0].x == 0 && changes[0].y == 0 && changes[0].cells.map(\.character) == ["J"])
        #expect(changes[1].x == 9 && changes[1].y == 1 && changes[1].cells[0].role == .error)
        #expect(b.changes(since: b).isEmpty)
        #expect(b.changes(since: nil).count == 2) // every row, as one run each
    }

    @Test func aChangedWideGraphemeIsRedrawnWhole() {
        var a = CellBuffer(width: 6, height: 1)
        a.write("ab電", x: 0, y: 0, role: .text)
        var b = a
        b.write("話", x: 2, y: 0, role: .text)
        let changes = b.changes(since: a)
        #expect(changes.count == 1)
        #expect(changes[0].x == 2 && changes[0].cells.count == 2)
    }

    @Test func textWidth() {
        #expect(TextWidth.of("abc") == 3)
        #expect(TextWidth.of("電話") == 4)
        #expect(TextWidth.of("📞") == 2)
        #expect(TextWidth.of("é") == 1)
        #expect(TextWidth.truncate("sip:bob@example.test", to: 8) == "sip:bob…")
    }
}
