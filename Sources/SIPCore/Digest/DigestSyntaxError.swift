/// Why an authentication header value could not be read (or written), and where: the offset lets
/// the message parser turn it into a `SIPParseError` line and column later.
public struct DigestSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in plain words ("unterminated quoted string").
    public var reason: String
    /// 0-based octet offset into the UTF-8 form of the value (the character offset for ASCII).
    public var offset: Int
    /// Which value was at fault when several header values were read together (0-based).
    public var valueIndex: Int

    public init(reason: String, offset: Int, valueIndex: Int = 0) {
        self.reason = reason
        self.offset = offset
        self.valueIndex = valueIndex
    }

    public var description: String {
        valueIndex == 0
            ? "octet \(offset): \(reason)"
            : "header value \(valueIndex + 1), octet \(offset): \(reason)"
    }
}
