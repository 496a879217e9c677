/// A cursor over a range of a message's octets. Positions are absolute offsets in the
/// whole buffer, so an error found deep inside a header value still names its place in
/// the message.
public struct ByteScanner {
    let bytes: [UInt8]
    var position: Int
    let end: Int

    init(_ bytes: [UInt8], from start: Int, to end: Int) {
        self.bytes = bytes
        self.position = start
        self.end = end
    }

    init(_ bytes: [UInt8]) {
        self.init(bytes, from: 0, to: bytes.count)
    }

    init(_ text: String) {
        self.init(Array(text.utf8))
    }

    var isAtEnd: Bool { position >= end }

    func peek() -> UInt8? { position < end ? bytes[position] : nil }

    func peek(offset: Int) -> UInt8? {
        let index = position + offset
        return index < end ? bytes[index] : nil
    }

    mutating func advance(by count: Int = 1) { position += count }

    func error(_ reason: String) -> SIPSyntaxError { SIPSyntaxError(reason, at: min(position, end)) }

    func error(_ reason: String, at offset: Int) -> SIPSyntaxError { SIPSyntaxError(reason, at: offset) }

    /// Consumes `byte` if it is next.
    @discardableResult
    mutating func consume(_ byte: UInt8) -> Bool {
        if position < end && bytes[position] == byte {
            position += 1
            return true
        }
        return false
    }

    mutating func expect(_ byte: UInt8, _ what: @autoclosure () -> String) throws(SIPSyntaxError) {
        guard consume(byte) else {
            if let found = peek() {
                throw error("expected \(what()) but found \(Self.describe(found))")
            }
            throw error("expected \(what()) but the value ended")
        }
    }

    /// Skips linear white space: SP, HTAB, and line folds (CRLF or LF followed by SP/HTAB).
    mutating func skipLWS() {
        while position < end {
            let b = bytes[position]
            if b == .space || b == .tab {
                position += 1
            } else if b == .cr, position + 2 < end, bytes[position + 1] == .lf, bytes[position + 2].isWhitespace {
                position += 3
            } else if b == .lf, position + 1 < end, bytes[position + 1].isWhitespace {
                position += 2
            } else {
                return
            }
        }
    }

    /// Skips white space, then consumes `byte` and the white space after it (SEMI, COMMA,
    /// EQUAL, SLASH, COLON of §25.1). Returns false, having consumed nothing, if `byte` is
    /// not next.
    mutating func consumeSeparator(_ byte: UInt8) -> Bool {
        let saved = position
        skipLWS()
        if consume(byte) {
            skipLWS()
            return true
        }
        position = saved
        return false
    }

    /// Consumes one or more octets of `characterClass`. Inlined so that the class's
    /// constant bit set folds into the loop.
    @inline(__always)
    mutating func scan(_ characterClass: ByteClass) -> Range<Int>? {
        let start = position
        let stop = end
        var index = start
        bytes.withUnsafeBufferPointer { buffer in
            while index < stop && characterClass.contains(buffer[index]) { index += 1 }
        }
        position = index
        return index > start ? start..<index : nil
    }

    mutating func scanToken() -> Range<Int>? { scan(.token) }

    mutating func requireToken(_ what: @autoclosure () -> String) throws(SIPSyntaxError) -> Range<Int> {
        guard let range = scanToken() else {
            if let found = peek() {
                throw error("expected \(what()) but found \(Self.describe(found))")
            }
            throw error("expected \(what()) but the value ended")
        }
        return range
    }

    /// Consumes a run of decimal digits.
    mutating func scanDigits() -> Range<Int>? {
        let start = position
        while position < end && ByteClass.isDigit(bytes[position]) { position += 1 }
        return position > start ? start..<position : nil
    }

    /// Reads a decimal number no larger than `maximum`; `what` names it in errors.
    mutating func requireNumber(_ what: String, maximum: UInt64) throws(SIPSyntaxError) -> UInt64 {
        let start = position
        guard let digits = scanDigits() else {
            throw error("expected \(what) (digits)")
        }
        var value: UInt64 = 0
        for index in digits {
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(bytes[index] - 0x30))
            if overflow1 || overflow2 || sum > maximum {
                throw error("\(what) \(string(digits)) is out of range (at most \(maximum))", at: start)
            }
            value = sum
        }
        return value
    }

    /// Reads a quoted-string (the opening quote is next) and returns its content with
    /// quoted-pairs resolved.
    mutating func scanQuotedString() throws(SIPSyntaxError) -> String {
        let open = position
        try expect(.quote, "a quoted string")
        // Fast path: no quoted-pair and no line break, so the content is the bytes as written.
        var index = position
        while index < end {
            let b = bytes[index]
            if b == .quote {
                let content = String(decoding: bytes[position..<index], as: UTF8.self)
                position = index + 1
                return content
            }
            if b == .backslash || b == .cr || b == .lf { break }
            index += 1
        }
        var content: [UInt8] = []
        content.reserveCapacity(index - position + 16)
        content.append(contentsOf: bytes[position..<index])
        position = index
        while position < end {
            let b = bytes[position]
            if b == .quote {
                position += 1
                return String(decoding: content, as: UTF8.self)
            }
            if b == .backslash {
                guard position + 1 < end else { break }
                let escaped = bytes[position + 1]
                guard escaped != .cr && escaped != .lf else {
                    throw error("a quoted-pair may not escape a line break", at: position)
                }
                content.append(escaped)
                position += 2
                continue
            }
            if b == .cr || b == .lf {
                // A fold inside a quoted string is white space; a bare line break is not.
                var probe = self
                probe.skipLWS()
                if probe.position > position {
                    content.append(.space)
                    position = probe.position
                    continue
                }
                break
            }
            content.append(b)
            position += 1
        }
        throw error("unterminated quoted string (opened here)", at: open)
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The rest of the range with surrounding white space trimmed.
    func remainderTrimmed() -> Range<Int> {
        var start = position
        var stop = end
        while start < stop && (bytes[start].isWhitespace || bytes[start] == .cr || bytes[start] == .lf) { start += 1 }
        while stop > start && (bytes[stop - 1].isWhitespace || bytes[stop - 1] == .cr || bytes[stop - 1] == .lf) { stop -= 1 }
        return start..<stop
    }

    /// The position of the next `byte` at nesting level zero: outside quoted strings and
    /// angle brackets, so commas in `"Doe, John" <sip:a@b>` do not split a value.
    func nextTopLevel(_ byte: UInt8) -> Int? {
        var index = position
        var inQuotes = false
        var angleDepth = 0
        while index < end {
            let b = bytes[index]
            if inQuotes {
                if b == .backslash { index += 2; continue }
                if b == .quote { inQuotes = false }
            } else if b == .quote {
                inQuotes = true
            } else if b == .lessThan {
                angleDepth += 1
            } else if b == .greaterThan {
                if angleDepth > 0 { angleDepth -= 1 }
            } else if b == byte && angleDepth == 0 {
                return index
            }
            index += 1
        }
        return nil
    }

    static func describe(_ byte: UInt8) -> String {
        switch byte {
        case .space: return "a space"
        case .tab: return "a tab"
        case .cr, .lf: return "a line break"
        case 0x21...0x7E: return "'\(Character(Unicode.Scalar(byte)))'"
        default:
            let hex = String(byte, radix: 16, uppercase: true)
            return "octet 0x\(hex.count == 1 ? "0" + hex : hex)"
        }
    }
}
