/// DTMF in SIP INFO bodies: `application/dtmf-relay` ("Signal=5\r\nDuration=160") and
/// `application/dtmf` (just the key). Parsing is tolerant: any case, spaces or tabs around
/// names and values, CRLF or LF, a trailing newline or none, other lines ignored.
public enum DTMFRelay {
    public static let relayContentType = "application/dtmf-relay"
    public static let dtmfContentType = "application/dtmf"

    /// The key (and duration in milliseconds, if given and valid) of an
    /// `application/dtmf-relay` body; nil without a usable `Signal`.
    /// `Signal` may be a key symbol or an event code 0–15 (some phones send 10 for `*`).
    public static func parse(_ body: [UInt8]) -> (digit: DTMFDigit, durationMs: Int?)? {
        var digit: DTMFDigit?
        var duration: Int?
        for line in body.split(omittingEmptySubsequences: true, whereSeparator: { $0 == 0x0A || $0 == 0x0D }) {
            guard let equals = line.firstIndex(of: UInt8(ascii: "=")) else { continue }
            let name = trimmed(line[line.startIndex..<equals])
            let value = trimmed(line[(equals + 1)...])
            if equalsIgnoringCase(name, "signal") {
                digit = key(value)
            } else if equalsIgnoringCase(name, "duration") {
                duration = decimal(value)
            }
        }
        guard let digit else { return nil }
        return (digit, duration)
    }

    /// The key of an `application/dtmf` body (one symbol, surrounding whitespace allowed).
    /// A body written in the dtmf-relay form is accepted too.
    public static func parseDTMF(_ body: [UInt8]) -> DTMFDigit? {
        key(trimmed(body[...])) ?? parse(body)?.digit
    }

    /// An `application/dtmf-relay` body for a key.
    public static func relayBody(digit: DTMFDigit, durationMs: Int) -> [UInt8] {
        Array("Signal=".utf8) + [digit.ascii] + Array("\r\nDuration=\(max(durationMs, 0))\r\n".utf8)
    }

    /// An `application/dtmf` body for a key.
    public static func dtmfBody(digit: DTMFDigit) -> [UInt8] {
        [digit.ascii]
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let first = slice.first, isSpace(first) { slice = slice.dropFirst() }
        while let last = slice.last, isSpace(last) { slice = slice.dropLast() }
        return slice
    }

    private static func equalsIgnoringCase(_ bytes: ArraySlice<UInt8>, _ word: String) -> Bool {
        bytes.count == word.utf8.count && zip(bytes, word.utf8).allSatisfy { lhs, rhs in
            (lhs >= 0x41 && lhs <= 0x5A ? lhs + 0x20 : lhs) == rhs
        }
    }

    private static func key(_ value: ArraySlice<UInt8>) -> DTMFDigit? {
        if value.count == 1, let byte = value.first {
            return DTMFDigit(character: Character(Unicode.Scalar(byte)))
        }
        guard let code = decimal(value), code <= 15 else { return nil }
        return DTMFDigit(event: UInt8(code))
    }

    private static func decimal(_ value: ArraySlice<UInt8>) -> Int? {
        guard !value.isEmpty, value.count <= 9 else { return nil }
        var result = 0
        for byte in value {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            result = result * 10 + Int(byte - 0x30)
        }
        return result
    }
}
