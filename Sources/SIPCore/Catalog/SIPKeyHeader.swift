/// A header field that matters for a response code, and what it does there.
///
/// The role is written as a predicate so that "\(name) \(role)" reads as a sentence:
/// "Contact gives the address to retry at".
public struct SIPKeyHeader: Sendable, Hashable {
    /// The header field's name, as it appears on the wire: "WWW-Authenticate".
    public var name: String
    /// What the header does for this code, as a predicate: "carries the challenge".
    public var role: String

    public init(_ name: String, _ role: String) {
        self.name = name
        self.role = role
    }

    /// "Contact gives the address to retry at".
    public var sentence: String { "\(name) \(role)" }
}
