/// One header line as the message holds it. Parsed lines point into the message's octets
/// (so an unchanged line is written back byte for byte); lines added in code carry their
/// own name and value.
public struct SIPHeaderField: Sendable {
    /// The recognised name; `.extension` for names this stack does not know.
    public let kind: SIPHeaderName

    enum Storage: Sendable {
        /// Offsets into the message's octets: name, value (trimmed, folds included), and
        /// the whole line including its line break.
        case parsed(name: Range<Int>, value: Range<Int>, line: Range<Int>)
        case built(name: String, value: [UInt8])
    }

    /// A line written in code keeps its own text.
    final class Built: Sendable {
        let name: String
        let value: [UInt8]
        init(name: String, value: [UInt8]) {
            self.name = name
            self.value = value
        }
    }

    // A parsed line is five offsets and no references, so that indexing a message and
    // walking its lines copies plain integers (messages are far below 2 GiB; the parser
    // refuses larger input).
    let nameStart: Int32, nameEnd: Int32, valueStart: Int32, valueEnd: Int32, lineEnd: Int32
    let built: Built?

    init(kind: SIPHeaderName, name: Range<Int>, value: Range<Int>, lineEnd: Int) {
        self.kind = kind
        self.nameStart = Int32(truncatingIfNeeded: name.lowerBound)
        self.nameEnd = Int32(truncatingIfNeeded: name.upperBound)
        self.valueStart = Int32(truncatingIfNeeded: value.lowerBound)
        self.valueEnd = Int32(truncatingIfNeeded: value.upperBound)
        self.lineEnd = Int32(truncatingIfNeeded: lineEnd)
        self.built = nil
    }

    /// A header written in code; `name` may be long or compact, any case.
    public init(name: String, value: String) {
        self.kind = SIPHeaderName(name)
        (nameStart, nameEnd, valueStart, valueEnd, lineEnd) = (0, 0, 0, 0, 0)
        self.built = Built(name: name, value: Array(value.utf8))
    }

    var storage: Storage {
        if let built { return .built(name: built.name, value: built.value) }
        return .parsed(name: Int(nameStart)..<Int(nameEnd), value: Int(valueStart)..<Int(valueEnd),
                       line: Int(nameStart)..<Int(lineEnd))
    }

    /// The name as written.
    func name(in bytes: [UInt8]) -> String {
        switch storage {
        case let .parsed(name, _, _): String(decoding: bytes[name], as: UTF8.self)
        case let .built(name, _): name
        }
    }

    /// The value's octets with line folds removed (a fold counts as the white space
    /// after it, RFC 3261 §7.3.1).
    func valueBytes(in bytes: [UInt8]) -> [UInt8] {
        switch storage {
        case let .parsed(_, value, _):
            var out: [UInt8] = []
            out.reserveCapacity(value.count)
            var index = value.lowerBound
            while index < value.upperBound {
                let b = bytes[index]
                if b == .cr || b == .lf {
                    index += 1
                    continue
                }
                out.append(b)
                index += 1
            }
            return out
        case let .built(_, value):
            return value
        }
    }

    /// Where the value lives: the buffer and the range to scan.
    @inline(__always)
    func valueLocation(in bytes: [UInt8]) -> (buffer: [UInt8], range: Range<Int>) {
        if let built { return (built.value, 0..<built.value.count) }
        return (bytes, Int(valueStart)..<Int(valueEnd))
    }

    /// True when the name matches `name` (a recognised kind, or for extension headers
    /// the text, case-insensitively).
    func hasName(_ name: String, kind: SIPHeaderName, in bytes: [UInt8]) -> Bool {
        if kind != .extension { return self.kind == kind }
        return self.kind == .extension && self.name(in: bytes).equalsIgnoringASCIICase(name)
    }
}
