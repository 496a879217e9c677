/// One `name=value` auth-param of a challenge or of credentials (RFC 7235 §2.1), with quoting
/// and escapes already removed, so typed accessors and unknown parameters read the same way.
public struct AuthParameter: Sendable, Hashable {
    /// The name as received; compare it case-insensitively (RFC 7235 §2.1).
    public var name: String
    /// The value with quotes and quoted-pairs removed; a header fold inside quotes reads as one space.
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

extension [AuthParameter] {
    /// The value of the first parameter called `name`, compared case-insensitively.
    func value(named name: String) -> String? {
        let lowered = DigestText.asciiLowercased(name)
        return first(where: { DigestText.asciiLowercased($0.name) == lowered })?.value
    }
}
