import SIPCore
import TOMLKit

/// Reads typed values out of a parsed TOML document and collects what is wrong with each,
/// with its line (from `TOMLKeyLines`) and dotted key, instead of stopping at the first:
/// the config and the credential store share it, so both speak the same way.
struct TOMLReader {
    let file: String
    let lines: TOMLKeyLines
    private(set) var problems: [DialtoneConfigProblem] = []
    /// Keys whose values must never be quoted in a message (passwords).
    var secretKeys: Set<String> = []

    init(file: String, lines: TOMLKeyLines) {
        self.file = file
        self.lines = lines
    }

    /// Parses `text` (named `file` in errors): a syntax error is one problem with its line
    /// and column. toml++'s message quotes no value, so no password can leak through it.
    static func document(_ text: String, file: String) throws(DialtoneConfigError) -> TOMLTable {
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw DialtoneConfigError(DialtoneConfigProblem(
                file: file, line: error.source.begin.line, column: error.source.begin.column,
                message: "TOML syntax error: \(error.description)"))
        } catch {
            throw DialtoneConfigError(DialtoneConfigProblem(file: file, message: "TOML syntax error"))
        }
    }

    /// All the problems, in line order.
    var error: DialtoneConfigError {
        DialtoneConfigError(problems: problems.enumerated().sorted {
            ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset)
        }.map(\.element))
    }

    mutating func problem(at path: [String], _ message: String) {
        problems.append(DialtoneConfigProblem(file: file, line: lines.line(of: path), key: Self.dotted(path), message: message))
    }

    // MARK: Keys

    /// `accounts."my work".transport`, `credential[2].password`.
    static func dotted(_ path: [String]) -> String {
        var out = ""
        for part in path {
            if part.hasPrefix("["), part.hasSuffix("]"), Int(part.dropFirst().dropLast()) != nil {
                out += part
            } else {
                out += (out.isEmpty ? "" : ".") + keyText(part)
            }
        }
        return out
    }

    /// A key as TOML would need it written: bare when it can be, else quoted.
    static func keyText(_ key: String) -> String {
        let bare = !key.isEmpty && key.utf8.allSatisfy {
            ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F || $0 == 0x2D
        }
        return bare ? key : quoted(key)
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Every key of `table` not in `allowed` is a problem: a typo must not be silent.
    mutating func refuseUnknownKeys(in table: TOMLTable, at path: [String], allowed: [String], what: String) {
        for key in table.keys where !allowed.contains(key) {
            problem(at: path + [key], "unknown key\(Self.suggestion(for: key, among: allowed)); the \(what) are: \(allowed.joined(separator: ", "))")
        }
    }

    /// ` (did you mean "transport"?)` when a known key is one or two edits away.
    static func suggestion(for key: String, among known: [String]) -> String {
        let scored = known.map { ($0, editDistance(key.lowercased(), $0)) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }
        return scored.map { " (did you mean \($0.0)?)" } ?? ""
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    // MARK: Values

    static func typeName(_ type: TOMLType) -> String {
        switch type {
        case .table: "a table"
        case .array: "an array"
        case .string: "a string"
        case .int: "an integer"
        case .double: "a float"
        case .bool: "a boolean"
        case .date: "a date"
        case .time: "a time"
        case .dateTime: "a date-time"
        }
    }

    mutating func table(_ value: any TOMLValueConvertible, at path: [String], hint: String) -> TOMLTable? {
        if let table = value.table { return table }
        problem(at: path, "expected a table, found \(Self.typeName(value.type)); \(hint)")
        return nil
    }

    mutating func string(_ value: any TOMLValueConvertible, at path: [String]) -> String? {
        if let text = value.string { return text }
        problem(at: path, "expected a string, found \(Self.typeName(value.type))")
        return nil
    }

    mutating func nonEmptyString(_ value: any TOMLValueConvertible, at path: [String]) -> String? {
        guard let text = string(value, at: path) else { return nil }
        if text.isEmpty {
            problem(at: path, "is empty; leave the key out instead")
            return nil
        }
        return text
    }

    mutating func integer(_ value: any TOMLValueConvertible, at path: [String], in range: ClosedRange<Int>) -> Int? {
        guard let number = value.int else {
            var message = "expected an integer, found \(Self.typeName(value.type))"
            if let text = value.string, let number = Int(text) { message += "; write \(number) without quotes" }
            problem(at: path, message)
            return nil
        }
        guard range.contains(number) else {
            problem(at: path, "\(number) is out of range; it must be from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return number
    }

    mutating func boolean(_ value: any TOMLValueConvertible, at path: [String]) -> Bool? {
        if let flag = value.bool { return flag }
        var message = "expected true or false, found \(Self.typeName(value.type))"
        if let text = value.string, text == "true" || text == "false" { message += "; write \(text) without quotes" }
        problem(at: path, message)
        return nil
    }

    /// One of an enum's raw values, any case: `"sctp" is not one of udp, tcp, tls`.
    mutating func choice<Choice: RawRepresentable & CaseIterable>(
        _ value: any TOMLValueConvertible, at path: [String], of: Choice.Type
    ) -> Choice? where Choice.RawValue == String {
        guard let text = string(value, at: path) else { return nil }
        if let choice = Choice(rawValue: text.lowercased()) { return choice }
        problem(at: path, "\(Self.quoted(text)) is not one of \(Choice.allCases.map(\.rawValue).joined(separator: ", "))")
        return nil
    }

    mutating func sipURI(_ value: any TOMLValueConvertible, at path: [String]) -> SIPURI? {
        guard let text = string(value, at: path) else { return nil }
        do {
            return try SIPURI(parsing: text)
        } catch {
            let hint = text.hasPrefix("sip:") || text.hasPrefix("sips:") ? "" : " (a sip: or sips: URI, e.g. \"sip:example.test\")"
            problem(at: path, "\(Self.quoted(text)) is not a SIP URI\(hint): \(error.reason)")
            return nil
        }
    }
}
