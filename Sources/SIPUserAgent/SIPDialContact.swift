import SIPCore

/// A name the user dials instead of an address — `bob` for `sip:bob@pbx.example.test` —
/// from the `[contacts]` of config.toml. A name matches what is typed whole, ignoring
/// case and the spaces around it; its target is anything `SIPDialString` reads.
public struct SIPDialContact: Sendable, Hashable {
    public var name: String
    public var target: String

    public init(name: String, target: String) {
        self.name = name
        self.target = target
    }

    /// The contact `typed` names, if any.
    public static func named(_ typed: String, in contacts: [SIPDialContact]) -> SIPDialContact? {
        let wanted = SIPDialString.trimmed(typed).lowercased()
        guard !wanted.isEmpty else { return nil }
        return contacts.first { SIPDialString.trimmed($0.name).lowercased() == wanted }
    }
}

extension SIPDialString {
    /// The URI for `typed`: a contact's target when `typed` is one of their names, else
    /// `typed` itself (see `uri(from:domain:)`).
    public static func uri(from typed: String, domain: SIPURI?, contacts: [SIPDialContact]) throws(Failure) -> SIPURI {
        guard let contact = SIPDialContact.named(typed, in: contacts) else { return try uri(from: typed, domain: domain) }
        do {
            return try uri(from: contact.target, domain: domain)
        } catch {
            throw Failure(text: "contact \"\(contact.name)\": \(error.text)")
        }
    }
}
