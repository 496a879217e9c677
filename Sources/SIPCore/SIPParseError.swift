/// Why a message (or a piece of one) could not be parsed, and where: a user reading the
/// error should be able to put a cursor on the offending octet.
public struct SIPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in plain words ("unterminated quoted string in display name").
    public var reason: String
    /// 1-based line of the offending octet within the message (or the parsed text).
    public var line: Int
    /// 1-based column, counted in octets, of the offending octet.
    public var column: Int
    /// 0-based octet offset within the message (or the parsed text).
    public var offset: Int

    public init(reason: String, line: Int, column: Int, offset: Int) {
        self.reason = reason
        self.line = line
        self.column = column
        self.offset = offset
    }

    public var description: String { "line \(line), column \(column): \(reason)" }
}
