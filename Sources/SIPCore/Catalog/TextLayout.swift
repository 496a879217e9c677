/// Plain-text layout for the terminal: word wrapping with hanging indents, and padding.
/// Widths count Characters, which matches terminal columns for the text the catalog holds.
enum TextLayout {
    /// `text` broken into lines of at most `width` characters, at spaces where possible.
    static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(width, 1)
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            if line.isEmpty {
                // Break a word longer than the line, so nothing runs past the width.
                while word.count > width {
                    lines.append(String(word.prefix(width)))
                    word = word.dropFirst(width)
                }
                line = String(word)
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = ""
                while word.count > width {
                    lines.append(String(word.prefix(width)))
                    word = word.dropFirst(width)
                }
                line = String(word)
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// `text` wrapped to `width` with `firstPrefix` before the first line and `restPrefix`
    /// before the others (usually spaces as wide as `firstPrefix`).
    static func hanging(_ text: String, firstPrefix: String, restPrefix: String, width: Int) -> [String] {
        let room = max(width - max(firstPrefix.count, restPrefix.count), 10)
        return wrap(text, width: room).enumerated().map { index, line in
            (index == 0 ? firstPrefix : restPrefix) + line
        }
    }

    /// `text` padded with spaces to `width` characters.
    static func pad(_ text: String, to width: Int) -> String {
        let count = text.count
        return count >= width ? text : text + String(repeating: " ", count: width - count)
    }

    /// The first letter in upper case: for turning a clause into a sentence.
    static func capitalized(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }

    /// The text ending in a full stop.
    static func sentence(_ text: String) -> String {
        let capital = capitalized(text)
        return capital.hasSuffix(".") ? capital : capital + "."
    }
}
