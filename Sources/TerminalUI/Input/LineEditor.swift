/// A one-line text field with readline editing. Holds characters, not bytes, so the cursor
/// never lands inside a grapheme.
public struct LineEditor: Sendable, Equatable {
    public private(set) var characters: [Character]
    /// 0…count: the cursor sits before `characters[cursor]`.
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    public mutating func set(_ text: String) {
        characters = Array(text)
        cursor = characters.count
    }

    public mutating func insert(_ character: Character) {
        characters.insert(character, at: cursor)
        cursor += 1
    }

    /// Applies an editing action; false when the action is not an editing one.
    @discardableResult
    public mutating func apply(_ action: Action) -> Bool {
        switch action {
        case .cursorLeft: cursor = max(0, cursor - 1)
        case .cursorRight: cursor = min(characters.count, cursor + 1)
        case .lineStart: cursor = 0
        case .lineEnd: cursor = characters.count
        case .deleteBackward:
            if cursor > 0 {
                characters.remove(at: cursor - 1)
                cursor -= 1
            }
        case .deleteForward:
            if cursor < characters.count { characters.remove(at: cursor) }
        case .killLine:
            characters.removeSubrange(0..<cursor)
            cursor = 0
        case .killWord:
            var start = cursor
            while start > 0, characters[start - 1] == " " { start -= 1 }
            while start > 0, characters[start - 1] != " " { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        default:
            return false
        }
        return true
    }

    /// The part to show in `columns` columns, scrolled so the cursor is visible, and the
    /// cursor's column in it. `mask` replaces every character (a password).
    public func visible(columns: Int, mask: Character? = nil) -> (text: String, cursorColumn: Int) {
        guard columns > 1 else { return ("", 0) }
        let shown = mask.map { m in characters.map { _ in m } } ?? characters
        let widths = shown.map(TextWidth.of)
        var start = 0
        var before = widths[0..<cursor].reduce(0, +)
        while before > columns - 1 {
            before -= widths[start]
            start += 1
        }
        var out = ""
        var used = 0
        for index in start..<shown.count {
            if used + widths[index] > columns { break }
            out.append(shown[index])
            used += widths[index]
        }
        return (out, before)
    }
}
