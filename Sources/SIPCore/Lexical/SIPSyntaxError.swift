/// A syntax error inside some octets, located by its offset. Header and URI parsers throw
/// this; `SIPMessage` turns the offset into the line and column of a `SIPParseError`.
public struct SIPSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    /// 0-based octet offset in the buffer that was being parsed.
    public var offset: Int

    public init(_ reason: String, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String { "\(reason) (at octet \(offset))" }

    /// Locates this error in `bytes` as a 1-based line and column.
    public func located(in bytes: [UInt8]) -> SIPParseError {
        var line = 1
        var lineStart = 0
        var index = 0
        let limit = min(offset, bytes.count)
        while index < limit {
            if bytes[index] == .lf {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        return SIPParseError(reason: reason, line: line, column: offset - lineStart + 1, offset: offset)
    }
}
