/// `%XX` escapes of URI components (RFC 3261 §19.1.2, §25.1 `escaped`): validating a
/// component's octets, resolving its escapes, and escaping text again for output.
enum PercentEncoding {
    /// The text of `range`, with every `%XX` resolved when `escaped` says there are any.
    /// The octets are taken as UTF-8; an escape that makes invalid UTF-8 becomes U+FFFD.
    static func decode(_ bytes: [UInt8], _ range: Range<Int>, escaped: Bool) -> String {
        guard escaped else { return String(decoding: bytes[range], as: UTF8.self) }
        return String(unsafeUninitializedCapacity: range.count) { buffer in
            var written = 0
            var index = range.lowerBound
            while index < range.upperBound {
                let b = bytes[index]
                if b == .percent {
                    // The scanner has checked that two hex digits follow.
                    buffer[written] = hexValue(bytes[index + 1]) << 4 | hexValue(bytes[index + 2])
                    index += 3
                } else {
                    buffer[written] = b
                    index += 1
                }
                written += 1
            }
            return written
        }
    }

    /// Appends `text` to `out`, escaping every octet that `allowed` does not hold
    /// (and always `%` itself, which `allowed` never holds).
    static func encode(_ text: String, allowed: ByteClass, into out: inout String) {
        if text.utf8.allSatisfy({ allowed.contains($0) }) {
            out += text
            return
        }
        for b in text.utf8 {
            if allowed.contains(b) {
                out.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(Unicode.Scalar(hexDigits[Int(b >> 4)]))
                out.unicodeScalars.append(Unicode.Scalar(hexDigits[Int(b & 0x0F)]))
            }
        }
    }

    static func encode(_ text: String, allowed: ByteClass) -> String {
        var out = ""
        encode(text, allowed: allowed, into: &out)
        return out
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    @inline(__always)
    static func hexValue(_ b: UInt8) -> UInt8 {
        ByteClass.isDigit(b) ? b - 0x30 : (b | 0x20) - 0x61 + 10
    }
}

extension ByteScanner {
    /// Consumes a run of octets of `allowed` and `%XX` escapes (a URI component such as a
    /// user part or a parameter value). Returns nil, consuming nothing, when none is next;
    /// `escaped` tells whether the run holds any escape. A `%` not followed by two hex
    /// digits is an error; `what` names the component in it.
    mutating func scanEscapedRun(
        _ allowed: ByteClass, _ what: String
    ) throws(SIPSyntaxError) -> (range: Range<Int>, escaped: Bool)? {
        let start = position
        var escaped = false
        while position < end {
            let b = bytes[position]
            if allowed.contains(b) {
                position += 1
            } else if b == .percent {
                guard position + 2 < end,
                      ByteClass.isHexDigit(bytes[position + 1]),
                      ByteClass.isHexDigit(bytes[position + 2])
                else {
                    throw error("'%' in the \(what) must start an escape of two hexadecimal digits, such as %40")
                }
                escaped = true
                position += 3
            } else {
                break
            }
        }
        return position > start ? (start..<position, escaped) : nil
    }
}
