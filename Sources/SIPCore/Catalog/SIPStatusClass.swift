/// The six classes of SIP response code (RFC 3261 §7.2), told apart by the first digit.
///
/// A class is what a user agent falls back on for a code it does not know: RFC 3261
/// §8.1.3.2 says an unrecognised final response is handled as the x00 code of its class,
/// and an unrecognised provisional one as 183. So the class carries, besides its names,
/// the texts and facts the catalog uses for codes that are not in the IANA registry.
public enum SIPStatusClass: Int, CaseIterable, Sendable, Hashable {
    case informational = 1
    case success = 2
    case redirection = 3
    case clientFailure = 4
    case serverFailure = 5
    case globalFailure = 6

    /// The class of `code`, or nil when `code` is outside 100–699.
    public init?(code: Int) {
        guard (100...699).contains(code) else { return nil }
        self.init(rawValue: code / 100)
    }

    /// The codes this class covers.
    public var codes: ClosedRange<Int> { (rawValue * 100)...(rawValue * 100 + 99) }

    /// "1xx" … "6xx": how engineers name a class in conversation and in logs.
    public var rangeLabel: String { "\(rawValue)xx" }

    /// Lower-case name for running text: "client failure".
    public var name: String {
        switch self {
        case .informational: "informational"
        case .success: "success"
        case .redirection: "redirection"
        case .clientFailure: "client failure"
        case .serverFailure: "server failure"
        case .globalFailure: "global failure"
        }
    }

    /// Range and name in the plural, for sentences about several codes: "4xx client failures".
    var pluralDisplayName: String {
        switch self {
        case .informational: "1xx informational responses"
        case .success: "2xx success responses"
        case .redirection: "3xx redirections"
        case .clientFailure: "4xx client failures"
        case .serverFailure: "5xx server failures"
        case .globalFailure: "6xx global failures"
        }
    }

    /// Range and name together, for headings: "4xx client failure".
    public var displayName: String { "\(rangeLabel) \(name)" }

    /// A stable token for machine-readable output (`--json`): "client-failure".
    public var identifier: String {
        switch self {
        case .informational: "informational"
        case .success: "success"
        case .redirection: "redirection"
        case .clientFailure: "client-failure"
        case .serverFailure: "server-failure"
        case .globalFailure: "global-failure"
        }
    }

    /// What any code of this class tells the client, in one clause; used when two codes
    /// of different classes are compared.
    public var gist: String {
        switch self {
        case .informational:
            "the request is still being handled, and a final response will follow"
        case .success:
            "the request was carried out"
        case .redirection:
            "the request was not carried out here and should be sent to another address, given in Contact"
        case .clientFailure:
            "the request cannot be fulfilled here as sent; a changed request, or another target, may succeed"
        case .serverFailure:
            "the server failed on a request that may be valid; another server or a later attempt may succeed"
        case .globalFailure:
            "a definitive answer about the user, which trying other locations will not change"
        }
    }

    /// Whether a response of this class ends its transaction. Only 1xx does not.
    public var isFinal: Bool { self != .informational }

    /// The code RFC 3261 §8.1.3.2 says to treat an unknown code of this class as.
    public var standInCode: Int { self == .informational ? 183 : rawValue * 100 }

    // MARK: Texts for codes the registry does not list

    /// Class-level meaning, for an unregistered code of this class.
    public var meaning: String {
        switch self {
        case .informational:
            "A provisional response that is not in the IANA registry. Like every 1xx, it only reports progress: the request is still being handled, and a final response will follow."
        case .success:
            "A success response that is not in the IANA registry. Every 2xx means the request was carried out."
        case .redirection:
            "A redirection response that is not in the IANA registry. Every 3xx says the request should be tried at another address, normally given in Contact."
        case .clientFailure:
            "A client-failure response that is not in the IANA registry. Every 4xx says the request, as sent, cannot succeed at this server; a corrected request or another target may."
        case .serverFailure:
            "A server-failure response that is not in the IANA registry. Every 5xx says the server could not handle a request that may itself be valid."
        case .globalFailure:
            "A global-failure response that is not in the IANA registry. Every 6xx is a definitive answer about the user: trying other locations for the same user will not change it."
        }
    }

    /// Class-level "when you see it", for an unregistered code of this class.
    public var whenYouSeeIt: String {
        switch self {
        case .informational:
            "During call setup, between an INVITE and its final response, from a server or device that uses a private or newer extension."
        case .success:
            "From a server that uses a private or newer extension where 200 OK would normally be sent."
        case .redirection:
            "From a redirect server, proxy or PBX that uses a private or newer code instead of 302."
        case .clientFailure:
            "From a server or SBC that uses a private or vendor-specific code; the reason phrase and any Warning header are the best clues to what it means."
        case .serverFailure:
            "From a server or gateway that uses a private or vendor-specific code when something on its own side failed."
        case .globalFailure:
            "From the callee's device or a network service that uses a private or newer code to refuse a call everywhere."
        }
    }

    /// Class-level "how to fix it", for an unregistered code of this class.
    public var howToFix: String {
        switch self {
        case .informational:
            "Nothing to fix. A user agent treats an unknown 1xx as 183 Session Progress and keeps waiting for the final response."
        case .success:
            "Nothing to fix. Treat it as 200 OK, as RFC 3261 requires for unknown codes; after an INVITE, send ACK."
        case .redirection:
            "Treat it as 300 Multiple Choices: retry at one of the Contact URIs if you trust the server, and keep the dialled URI for future calls."
        case .clientFailure:
            "Treat it as 400 Bad Request, as RFC 3261 requires for unknown codes; read the reason phrase and any Warning header, and check the documentation of the server that sent it."
        case .serverFailure:
            "Treat it as 500 Server Internal Error: try another server or retry later, and check the logs or documentation of the server that sent it."
        case .globalFailure:
            "Treat it as 600 Busy Everywhere: do not try other locations for this user, and read the reason phrase for the cause."
        }
    }

    /// What a client does with an unregistered code of this class.
    public var clientAction: String {
        switch self {
        case .informational: "treats it as 183 Session Progress and keeps waiting"
        case .success: "treats it as 200 OK (after an INVITE, sends ACK)"
        case .redirection: "treats it as 300 Multiple Choices and may retry at a Contact URI"
        case .clientFailure: "treats it as 400 Bad Request: this attempt has failed"
        case .serverFailure: "treats it as 500 Server Internal Error and may try another server"
        case .globalFailure: "treats it as 600 Busy Everywhere and stops trying other locations"
        }
    }

    /// Retry advice for an unregistered code of this class (that of its stand-in code).
    public var retry: SIPRetryAdvice {
        switch self {
        case .informational, .success: .none
        case .redirection: .chooseContact
        case .clientFailure: .afterCorrection
        case .serverFailure: .elsewhere
        case .globalFailure: .later
        }
    }

    /// Headers worth reading on an unregistered code of this class.
    public var keyHeaders: [SIPKeyHeader] {
        switch self {
        case .redirection:
            [SIPKeyHeader("Contact", "gives the address or addresses to retry at")]
        case .clientFailure, .serverFailure, .globalFailure:
            [SIPKeyHeader("Warning", "may explain the code in words, if the sender added one")]
        case .informational, .success:
            []
        }
    }
}
