/// The `host` of RFC 3261 §25.1: a host name, an IPv4 address, or an IPv6 reference in
/// brackets. Hosts are kept as written; this checks them and compares them.
enum URIHost {
    /// Reads a host starting at `scanner.position` and returns its range (brackets
    /// included for IPv6). Stops before the first octet that cannot continue it.
    static func scan(_ scanner: inout ByteScanner) throws(SIPSyntaxError) -> Range<Int> {
        let start = scanner.position
        if scanner.peek() == .leftBracket {
            var index = start + 1
            while index < scanner.end && scanner.bytes[index] != .rightBracket { index += 1 }
            guard index < scanner.end else {
                throw SIPSyntaxError("the '[' of an IPv6 reference is not closed by ']'", at: start)
            }
            _ = try IPv6Address.parse(scanner.bytes, in: start + 1..<index)
            scanner.position = index + 1
            return start..<scanner.position
        }
        // One pass over the host name: find its end and check its labels on the way.
        let bytes = scanner.bytes
        let end = scanner.end
        var index = start
        var allNumeric = true
        var labelStart = start
        var lastLabelStart = start
        var problem: (offset: Int, reason: String)? = nil
        while index < end {
            let b = bytes[index]
            if ByteClass.isDigit(b) {
                // part of a label or of an IPv4 number
            } else if ByteClass.isAlpha(b) {
                allNumeric = false
            } else if b == 0x2D {
                allNumeric = false
                if index == labelStart && problem == nil {
                    problem = (index, "a host name label may not begin with '-'")
                }
            } else if b == 0x2E {
                if problem == nil {
                    if index == labelStart {
                        problem = (index, "a host name may not contain an empty label ('..' or a leading '.')")
                    } else if bytes[index - 1] == 0x2D {
                        problem = (index - 1, "a host name label may not end with '-'")
                    }
                }
                lastLabelStart = labelStart
                labelStart = index + 1
            } else {
                break
            }
            index += 1
        }
        guard index > start else {
            if let found = scanner.peek() {
                throw scanner.error("expected a host name or address but found \(ByteScanner.describe(found))")
            }
            throw scanner.error("expected a host name or address but the URI ended")
        }
        if allNumeric {
            _ = try parseIPv4(bytes, in: start..<index, within: "the host")
        } else {
            if let problem { throw SIPSyntaxError(problem.reason, at: problem.offset) }
            if index > labelStart {
                // The last label (a trailing '.' ends a fully qualified name and adds none).
                if bytes[index - 1] == 0x2D {
                    throw SIPSyntaxError("a host name label may not end with '-'", at: index - 1)
                }
                lastLabelStart = labelStart
            }
            guard ByteClass.isAlpha(bytes[lastLabelStart]) else {
                throw SIPSyntaxError(
                    "the last label of a host name must begin with a letter (or the host must be an IPv4 address)",
                    at: lastLabelStart)
            }
        }
        scanner.position = index
        return start..<index
    }

    /// Reads a dotted-quad IPv4 address filling all of `range`.
    static func parseIPv4(_ bytes: [UInt8], in range: Range<Int>, within what: String) throws(SIPSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        var parts = 0
        var index = range.lowerBound
        while true {
            let partStart = index
            var part: UInt32 = 0
            while index < range.upperBound && ByteClass.isDigit(bytes[index]) && index - partStart < 3 {
                part = part * 10 + UInt32(bytes[index] - 0x30)
                index += 1
            }
            guard index > partStart else {
                throw SIPSyntaxError("expected a number of an IPv4 address in \(what)", at: index)
            }
            guard part <= 255 else {
                throw SIPSyntaxError("\(part) is out of range in an IPv4 address (at most 255)", at: partStart)
            }
            value = value << 8 | part
            parts += 1
            if parts == 4 { break }
            guard index < range.upperBound, bytes[index] == 0x2E else {
                throw SIPSyntaxError("an IPv4 address in \(what) needs four numbers separated by '.'", at: index)
            }
            index += 1
        }
        guard index == range.upperBound else {
            throw SIPSyntaxError("\(ByteScanner.describe(bytes[index])) cannot follow an IPv4 address in \(what)", at: index)
        }
        return value
    }

    /// Host equality of RFC 3261 §19.1.4: case-insensitive, and IPv6 references compared
    /// as addresses (RFC 5954 §4), so `[::1]` equals `[0:0::1]`.
    static func isEquivalent(_ a: String, _ b: String) -> Bool {
        if a.equalsIgnoringASCIICase(b) { return true }
        guard a.utf8.first == .leftBracket, b.utf8.first == .leftBracket,
              let x = ipv6(a), let y = ipv6(b) else { return false }
        return x == y
    }

    private static func ipv6(_ host: String) -> IPv6Address? {
        let bytes = Array(host.utf8)
        guard bytes.count >= 2, bytes[bytes.count - 1] == .rightBracket else { return nil }
        return try? IPv6Address.parse(bytes, in: 1..<bytes.count - 1)
    }
}
