/// Names one TCP or TLS connection of a transport layer for as long as that layer runs
/// (numbers are not reused). Responses to a request that came over a connection go back
/// over it while it is open (§18.2.2).
public struct SIPConnectionID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: UInt64

    public init(rawValue: UInt64) { self.rawValue = rawValue }

    public static func < (lhs: SIPConnectionID, rhs: SIPConnectionID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { "#\(rawValue)" }
}
