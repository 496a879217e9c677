/// Names one call for the whole of its life, across redirects and authentication retries
/// (which keep the call and change only its requests). Handed out by the user agent.
public struct SIPCallHandle: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: Int
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { "call \(rawValue)" }
}
