/// Why a message that parsed must still be refused, and how: the response a UAS sends
/// (400, 501, 505, ...) and the place in the message that caused it.
public struct SIPValidationFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The response a UAS answers a request with; for a response, the code that
    /// classifies the problem (a UAC drops such a response).
    public var statusCode: Int
    public var reason: String
    public var line: Int
    public var column: Int

    public init(statusCode: Int, reason: String, line: Int, column: Int) {
        self.statusCode = statusCode
        self.reason = reason
        self.line = line
        self.column = column
    }

    init(statusCode: Int, _ error: SIPParseError) {
        self.init(statusCode: statusCode, reason: error.reason, line: error.line, column: error.column)
    }

    public var description: String { "line \(line), column \(column): \(reason) (\(statusCode))" }
}
