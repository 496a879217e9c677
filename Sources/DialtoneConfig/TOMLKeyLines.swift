/// Where each key of a TOML document is written: a path (`["accounts", "work",
/// "transport"]`) → the 1-based line of its first appearance.
///
/// Why it exists: TOMLKit (toml++ underneath) reports positions for syntax errors only;
/// its tables do not say where a key came from. A semantic error (`transport = "sctp"`)
/// must still name the line, so this scanner reads the text once more and records where
/// every key, table header and inline-table key stands. It runs only on text TOMLKit has
/// already accepted, so it can be lenient: it never rejects anything.
///
/// Paths: a `[table]` header and each dotted key contribute their parts; an array of
/// tables (`[[credential]]`) adds an index part `"[0]"`, `"[1]"`… after its name, so the
/// keys of its second entry are `["credential", "[1]", "realm"]`. Every prefix of a path
/// is recorded too (an implicit table is "written" where it is first used).
struct TOMLKeyLines: Sendable {
    private(set) var lines: [[String]: Int] = [:]

    init(scanning text: String) {
        var scanner = Scanner(bytes: Array(text.utf8))
        scanner.run()
        lines = scanner.lines
    }

    /// The line of `path`, or of its longest prefix that is written down (a missing key
    /// is reported at its table's header).
    func line(of path: [String]) -> Int? {
        var path = path
        while !path.isEmpty {
            if let line = lines[path] { return line }
            path.removeLast()
        }
        return nil
    }

    private struct Scanner {
        let bytes: [UInt8]
        var i = 0
        var line = 1
        var lines: [[String]: Int] = [:]
        /// Array-of-tables paths → the index of their latest entry.
        var arrayCounts: [[String]: Int] = [:]
        var current: [String] = []

        init(bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { i >= bytes.count }
        var byte: UInt8 { bytes[i] }
        func peek(_ offset: Int) -> UInt8? { i + offset < bytes.count ? bytes[i + offset] : nil }

        mutating func record(_ path: [String], at line: Int) {
            guard !path.isEmpty else { return }
            for end in 1...path.count where lines[Array(path[..<end])] == nil {
                lines[Array(path[..<end])] = line
            }
        }

        mutating func advance() {
            if bytes[i] == UInt8(ascii: "\n") { line += 1 }
            i += 1
        }

        mutating func skipBlanks() {
            while !atEnd, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") { i += 1 }
        }

        /// Spaces, line breaks and comments (inside arrays and between statements).
        mutating func skipSpaceAndComments() {
            while !atEnd {
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"): advance()
                case UInt8(ascii: "#"): skipToLineEnd()
                default: return
                }
            }
        }

        mutating func skipToLineEnd() {
            while !atEnd, byte != UInt8(ascii: "\n") { i += 1 }
        }

        mutating func run() {
            while true {
                skipSpaceAndComments()
                if atEnd { return }
                let startLine = line
                if byte == UInt8(ascii: "[") {
                    let isArray = peek(1) == UInt8(ascii: "[")
                    i += isArray ? 2 : 1
                    skipBlanks()
                    let key = parseKey()
                    let resolved = resolve(key, isArrayHeader: isArray)
                    if isArray {
                        let index = (arrayCounts[resolved] ?? -1) + 1
                        arrayCounts[resolved] = index
                        current = resolved + ["[\(index)]"]
                    } else {
                        current = resolved
                    }
                    record(current, at: startLine)
                    skipToLineEnd()
                } else {
                    let key = parseKey()
                    guard !key.isEmpty else { skipToLineEnd(); continue }
                    record(current + key, at: startLine)
                    skipBlanks()
                    if !atEnd, byte == UInt8(ascii: "=") { i += 1 }
                    skipBlanks()
                    scanValue(current + key)
                    skipToLineEnd()
                }
            }
        }

        /// A header path with the current index of every array of tables it passes
        /// through (`[[a]]` then `[a.b]` names a.[n].b).
        func resolve(_ key: [String], isArrayHeader: Bool) -> [String] {
            var resolved: [String] = []
            for (n, part) in key.enumerated() {
                resolved.append(part)
                let isLast = n == key.count - 1
                if !(isLast && isArrayHeader), let index = arrayCounts[resolved] { resolved.append("[\(index)]") }
            }
            return resolved
        }

        /// `a.b."c d".'e'`: bare and quoted parts, dots with blanks around them.
        mutating func parseKey() -> [String] {
            var parts: [String] = []
            while !atEnd {
                skipBlanks()
                guard !atEnd else { break }
                if byte == UInt8(ascii: "\"") {
                    parts.append(parseBasicString())
                } else if byte == UInt8(ascii: "'") {
                    parts.append(parseLiteralString())
                } else {
                    let start = i
                    while !atEnd, Self.isBareKeyByte(byte) { i += 1 }
                    guard i > start else { break }
                    parts.append(String(decoding: bytes[start..<i], as: UTF8.self))
                }
                skipBlanks()
                if !atEnd, byte == UInt8(ascii: ".") { i += 1 } else { break }
            }
            return parts
        }

        static func isBareKeyByte(_ b: UInt8) -> Bool {
            (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
        }

        /// A one-line "…" string with the escapes a key may need, decoded.
        mutating func parseBasicString() -> String {
            i += 1
            var out: [UInt8] = []
            while !atEnd, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\n") {
                if byte == UInt8(ascii: "\\"), let next = peek(1) {
                    i += 2
                    switch next {
                    case UInt8(ascii: "n"): out.append(10)
                    case UInt8(ascii: "t"): out.append(9)
                    case UInt8(ascii: "r"): out.append(13)
                    case UInt8(ascii: "b"): out.append(8)
                    case UInt8(ascii: "f"): out.append(12)
                    case UInt8(ascii: "u"), UInt8(ascii: "U"):
                        let count = next == UInt8(ascii: "u") ? 4 : 8
                        let end = min(i + count, bytes.count)
                        let hex = String(decoding: bytes[i..<end], as: UTF8.self)
                        i = end
                        if let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) {
                            out.append(contentsOf: Array(String(Character(scalar)).utf8))
                        }
                    default: out.append(next)
                    }
                } else {
                    out.append(byte)
                    i += 1
                }
            }
            if !atEnd, byte == UInt8(ascii: "\"") { i += 1 }
            return String(decoding: out, as: UTF8.self)
        }

        mutating func parseLiteralString() -> String {
            i += 1
            let start = i
            while !atEnd, byte != UInt8(ascii: "'"), byte != UInt8(ascii: "\n") { i += 1 }
            let text = String(decoding: bytes[start..<i], as: UTF8.self)
            if !atEnd, byte == UInt8(ascii: "'") { i += 1 }
            return text
        }

        func startsWith(_ text: String) -> Bool {
            let pattern = Array(text.utf8)
            guard i + pattern.count <= bytes.count else { return false }
            return Array(bytes[i..<(i + pattern.count)]) == pattern
        }

        /// Skips one value, recording the keys of inline tables under `path`.
        mutating func scanValue(_ path: [String]) {
            guard !atEnd else { return }
            switch byte {
            case UInt8(ascii: "\""):
                if startsWith("\"\"\"") { skipMultiline(quote: UInt8(ascii: "\""), escapes: true) } else { _ = parseBasicString() }
            case UInt8(ascii: "'"):
                if startsWith("'''") { skipMultiline(quote: UInt8(ascii: "'"), escapes: false) } else { _ = parseLiteralString() }
            case UInt8(ascii: "["):
                i += 1
                while true {
                    skipSpaceAndComments()
                    if atEnd { return }
                    if byte == UInt8(ascii: "]") { i += 1; return }
                    if byte == UInt8(ascii: ",") { i += 1; continue }
                    let before = i
                    scanValue(path)
                    if i == before { i += 1 }
                }
            case UInt8(ascii: "{"):
                i += 1
                while true {
                    skipBlanks()
                    if atEnd { return }
                    if byte == UInt8(ascii: "}") { i += 1; return }
                    if byte == UInt8(ascii: ",") { i += 1; continue }
                    let keyLine = line
                    let key = parseKey()
                    if key.isEmpty { i += 1; continue }
                    record(path + key, at: keyLine)
                    skipBlanks()
                    if !atEnd, byte == UInt8(ascii: "=") { i += 1 }
                    skipBlanks()
                    scanValue(path + key)
                }
            default:
                while !atEnd {
                    switch byte {
                    case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "\n"), UInt8(ascii: "#"): return
                    default: i += 1
                    }
                }
            }
        }

        /// A """…""" or '''…''' string; up to two more quotes may end it (`""""`).
        mutating func skipMultiline(quote: UInt8, escapes: Bool) {
            i += 3
            while !atEnd {
                if escapes, byte == UInt8(ascii: "\\") {
                    advance()
                    if !atEnd { advance() }
                    continue
                }
                if byte == quote, peek(1) == quote, peek(2) == quote {
                    i += 3
                    var extra = 0
                    while extra < 2, !atEnd, byte == quote { i += 1; extra += 1 }
                    return
                }
                advance()
            }
        }
    }
}
