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
        guard let range = scanner.scan(.host) else {
            if let found = scanner.peek() {
                throw scanner.error("expected a host name or address but found \(ByteScanner.describe(found))")
            }
            throw scanner.error("expected a host name or address but the URI ended")
        }
        try validate(scanner.bytes, name: range)
        return range
    }

    /// Checks a host name or IPv4 address made of letters, digits, '-' and '.'.
    /// hostname = *( domainlabel "." ) toplabel [ "." ]; a label neither begins nor ends
    /// with '-', and the top label begins with a letter. Digits and dots only: IPv4.
    static func validate(_ bytes: [UInt8], name range: Range<Int>) throws(SIPSyntaxError) {
        var allNumeric = true
        for index in range where !(ByteClass.isDigit(bytes[index]) || bytes[index] == 0x2E) {
            allNumeric = false
            break
        }
        if allNumeric {
            _ = try parseIPv4(bytes, in: range, within: "the host")
            return
        }
        var labelStart = range.lowerBound
        var lastLabelStart = range.lowerBound
        var index = range.lowerBound
        while index <= range.upperBound {
            if index == range.upperBound || bytes[index] == 0x2E {
                if index == labelStart {
                    // An empty label: allowed only as the trailing dot of a fully qualified name.
                    guard index == range.upperBound, index > range.lowerBound else {
                        throw SIPSyntaxError("a host name may not contain an empty label ('..' or a leading '.')", at: index)
                    }
                } else {
                    if bytes[labelStart] == 0x2D {
                        throw SIPSyntaxError("a host name label may not begin with '-'", at: labelStart)
                    }
                    if bytes[index - 1] == 0x2D {
                        throw SIPSyntaxError("a host name label may not end with '-'", at: index - 1)
                    }
                    lastLabelStart = labelStart
                }
                labelStart = index + 1
            }
            index += 1
        }
        guard ByteClass.isAlpha(bytes[lastLabelStart]) else {
            throw SIPSyntaxError(
                "the last label of a host name must begin with a letter (or the host must be an IPv4 address)",
                at: lastLabelStart)
        }
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
