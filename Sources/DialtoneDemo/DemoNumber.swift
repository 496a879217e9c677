/// A number to dial on the demo peer: the user part of the Request-URI
/// (`sip:302@127.0.0.1:PORT`), what it shows off, and how it behaves. The screen lists
/// `DemoPeer.numbers` so a new user sees the two flows of DESIGN.md in the first minute.
public struct DemoNumber: Sendable, Hashable, Identifiable {
    /// What the peer does with an INVITE to the number.
    public enum Behaviour: Sendable, Hashable {
        /// 100 → 180 → 200 with an SDP answer; then ACK, BYE, OPTIONS, re-INVITE in the dialog.
        case answer
        /// `code` (302 Moved Temporarily, or 301 Moved Permanently) with Contact
        /// `sip:<number>@<peer>`.
        case redirect(to: String, code: Int = 302)
        /// 401 with a Digest challenge (realm `DemoPeer.realm`), then answers as `answer`.
        case challengeThenAnswer
        /// A final response, nothing more (486 Busy Here).
        case reject(code: Int)
    }

    /// The user part to dial: "100".
    public var user: String
    /// One line for the screen: "answers: 100 Trying, 180 Ringing, 200 OK".
    public var description: String
    public var behaviour: Behaviour

    public var id: String { user }

    public init(user: String, description: String, behaviour: Behaviour) {
        self.user = user
        self.description = description
        self.behaviour = behaviour
    }
}
