/// Why a DNS message could not be read, and where (the octet offset).
public struct DNSParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String
    public var offset: Int

    public init(_ reason: String, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String { "malformed DNS answer at octet \(offset): \(reason)" }
}
