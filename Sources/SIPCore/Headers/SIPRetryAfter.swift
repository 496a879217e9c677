/// `Retry-After: 120 (in a meeting);duration=3600` — when to try again (503, 486, 600...).
public struct SIPRetryAfter: SIPHeaderValue, Hashable, CustomStringConvertible {
    public var seconds: UInt32
    public var comment: String?
    public var parameters: SIPParameters

    public init(seconds: UInt32, comment: String? = nil, parameters: SIPParameters = []) {
        self.seconds = seconds
        self.comment = comment
        self.parameters = parameters
    }

    public var duration: UInt32? { parameters["duration"].flatMap { UInt32($0) } }

    public var description: String {
        "\(seconds)\(comment.map { " (\($0))" } ?? "")\(parameters.serialized)"
    }

    public static func parseElement(_ scanner: inout ByteScanner) throws(SIPSyntaxError) -> SIPRetryAfter {
        let seconds = try scanner.requireNumber("Retry-After seconds", maximum: UInt64(UInt32.max))
        var comment: String?
        let saved = scanner.position
        scanner.skipLWS()
        if scanner.peek() == 0x28 {
            comment = try scanner.scanComment()
        } else {
            scanner.position = saved
        }
        let parameters = try scanner.scanHeaderParameters()
        if let duration = parameters["duration"], UInt32(duration) == nil {
            throw scanner.error("Retry-After duration must be delta-seconds, not \(duration)")
        }
        return SIPRetryAfter(seconds: UInt32(seconds), comment: comment, parameters: parameters)
    }
}

extension ByteScanner {
    /// `( ... )` with nesting and quoted-pairs; returns the inside.
    mutating func scanComment() throws(SIPSyntaxError) -> String {
        let open = position
        try expect(0x28, "'('")
        var depth = 1
        let start = position
        while let b = peek() {
            if b == .backslash { advance(by: 2); continue }
            if b == 0x28 { depth += 1 }
            if b == 0x29 {
                depth -= 1
                if depth == 0 {
                    let text = string(start..<position)
                    advance()
                    return text
                }
            }
            advance()
        }
        throw error("unterminated comment (opened here)", at: open)
    }
}
