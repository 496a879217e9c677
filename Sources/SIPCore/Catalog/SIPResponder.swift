/// Who typically sends a given response code.
///
/// Knowing the sender tells an engineer where to look: a 401 comes from the registrar or
/// the far end, a 407 from a proxy on the path, a 408 often from the client's own stack.
public enum SIPResponder: String, CaseIterable, Sendable, Hashable {
    /// The user agent that received the request: the callee's phone, a PBX, a trunk's far end.
    case userAgentServer
    /// A registrar, answering REGISTER.
    case registrar
    /// A proxy or a session border controller (in practice, most trunk-facing servers).
    case proxy
    /// A redirect server, which answers with 3xx instead of forwarding.
    case redirectServer
    /// A gateway to the telephone network.
    case gateway
    /// An edge proxy in a SIP Outbound (RFC 5626) deployment.
    case edgeProxy
    /// A STIR verification service checking the Identity header (RFC 8224).
    case verifier
    /// A notifier or event state compositor: a presence, BLF or voicemail-indicator server.
    case notifier
    /// The client's own transaction layer, which reports a timeout or a transport failure
    /// as if the server had answered (RFC 3261 §8.1.3.1).
    case localStack
    /// Any server on the path.
    case anyServer

    /// How the sender is named in running text.
    public var displayName: String {
        switch self {
        case .userAgentServer: "the called user agent (UAS)"
        case .registrar: "a registrar"
        case .proxy: "a proxy (or SBC)"
        case .redirectServer: "a redirect server"
        case .gateway: "a PSTN gateway"
        case .edgeProxy: "an edge proxy (SIP Outbound)"
        case .verifier: "a STIR verification service"
        case .notifier: "a presence or event server"
        case .localStack: "the client's own stack (timeout or transport error)"
        case .anyServer: "any server on the path"
        }
    }

    /// `[a, b, c]` as "a, b, or c".
    public static func list(_ responders: [SIPResponder]) -> String {
        let names = responders.map(\.displayName)
        switch names.count {
        case 0: return "no particular server"
        case 1: return names[0]
        case 2: return names[0] + " or " + names[1]
        default: return names.dropLast().joined(separator: ", ") + ", or " + names[names.count - 1]
        }
    }
}
