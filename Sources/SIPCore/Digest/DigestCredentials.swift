/// A username and password for one realm, as the user typed them. The password must never
/// reach a log, the screen or a file (DESIGN.md), so every textual form of this value —
/// `description`, `debugDescription`, `dump`, reflection — leaves it out.
public struct DigestCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    public var username: String
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    public var description: String { "DigestCredentials(username: \(username), password: <redacted>)" }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["username": username, "password": "<redacted>"], displayStyle: .struct)
    }
}
