/// An IPv6 address read from its text (RFC 4291 §2.2, as RFC 3261 §25.1 and RFC 5954
/// write it): eight groups of up to four hex digits, at most one `::` standing for one or
/// more zero groups, and optionally a dotted IPv4 address in place of the last two groups.
/// Kept as two 64-bit halves so that two spellings of one address compare equal
/// (`[::1]` and `[0:0:0:0:0:0:0:1]`, RFC 5954 §4) without allocating.
struct IPv6Address: Hashable, Sendable {
    var high: UInt64
    var low: UInt64

    /// Reads the address in `range` (without the brackets). Errors name the octet.
    static func parse(_ bytes: [UInt8], in range: Range<Int>) throws(SIPSyntaxError) -> IPv6Address {
        var groups: (UInt64, UInt64) = (0, 0)
        var count = 0               // groups read so far
        var gapAt: Int? = nil       // how many groups came before the "::"
        var index = range.lowerBound
        let end = range.upperBound

        func set(_ value: UInt16, at group: Int) {
            if group < 4 {
                groups.0 |= UInt64(value) << UInt64(48 - 16 * group)
            } else {
                groups.1 |= UInt64(value) << UInt64(48 - 16 * (group - 4))
            }
        }
        var values: [UInt16] = []
        values.reserveCapacity(8)

        guard index < end else {
            throw SIPSyntaxError("an IPv6 reference between '[' and ']' is empty", at: index)
        }
        if bytes[index] == .colon {
            guard index + 1 < end, bytes[index + 1] == .colon else {
                throw SIPSyntaxError("an IPv6 address may not begin with a single ':'", at: index)
            }
            gapAt = 0
            index += 2
        }
        while index < end {
            let groupStart = index
            while index < end && ByteClass.isHexDigit(bytes[index]) { index += 1 }
            if index < end && bytes[index] == 0x2E {
                // An IPv4 address in place of the last two groups.
                let v4 = try URIHost.parseIPv4(bytes, in: groupStart..<end, within: "an IPv6 address")
                values.append(UInt16(v4 >> 16))
                values.append(UInt16(v4 & 0xFFFF))
                count += 2
                index = end
                break
            }
            guard index > groupStart else {
                if index < end {
                    throw SIPSyntaxError(
                        "\(ByteScanner.describe(bytes[index])) is not allowed in an IPv6 address", at: index)
                }
                throw SIPSyntaxError("an IPv6 address may not end with a single ':'", at: index - 1)
            }
            guard index - groupStart <= 4 else {
                throw SIPSyntaxError("an IPv6 group has more than four hexadecimal digits", at: groupStart)
            }
            var value: UInt16 = 0
            for i in groupStart..<index { value = value << 4 | UInt16(PercentEncoding.hexValue(bytes[i])) }
            values.append(value)
            count += 1
            guard count <= 8 else {
                throw SIPSyntaxError("an IPv6 address has more than eight groups", at: groupStart)
            }
            if index == end { break }
            guard bytes[index] == .colon else {
                throw SIPSyntaxError(
                    "\(ByteScanner.describe(bytes[index])) is not allowed in an IPv6 address", at: index)
            }
            index += 1
            if index < end && bytes[index] == .colon {
                guard gapAt == nil else {
                    throw SIPSyntaxError("an IPv6 address may contain '::' only once", at: index - 1)
                }
                gapAt = count
                index += 1
            } else if index == end {
                throw SIPSyntaxError("an IPv6 address may not end with a single ':'", at: index - 1)
            }
        }
        if let gapAt {
            guard count <= 7 else {
                throw SIPSyntaxError("an IPv6 address with '::' has room for at most seven groups", at: range.lowerBound)
            }
            for (i, value) in values.enumerated() {
                set(value, at: i < gapAt ? i : i + (8 - count))
            }
        } else {
            guard count == 8 else {
                throw SIPSyntaxError(
                    "an IPv6 address needs eight groups, or '::' for the zero ones (found \(count))",
                    at: range.lowerBound)
            }
            for (i, value) in values.enumerated() { set(value, at: i) }
        }
        return IPv6Address(high: groups.0, low: groups.1)
    }
}
