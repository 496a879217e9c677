/// One SIP response code explained: the registry's facts, three plain-English texts, and
/// the facts a client acts on (who sends it, what to do next, which headers matter).
///
/// The texts serve a person reading a trace; the facts drive behaviour and comparisons, so
/// that "302 versus 401" can be worked out from data instead of written by hand per pair.
public struct SIPStatusEntry: Sendable, Hashable {
    /// The three-digit code, 100–699.
    public var code: Int
    /// The reason phrase the IANA registry gives; for an unregistered code, a description
    /// such as "Unknown 4xx (client failure)". On the wire any phrase is allowed, so match
    /// on the code, never on this text.
    public var reasonPhrase: String
    /// The class the first digit puts the code in.
    public var statusClass: SIPStatusClass
    /// Where the code is defined: "RFC 3261 §21.3.3".
    public var reference: String
    /// What the code means.
    public var meaning: String
    /// The situations in which it typically shows up.
    public var whenYouSeeIt: String
    /// What to do about it.
    public var howToFix: String
    /// Whether the code is in the IANA registry. False for a class fallback.
    public var isRegistered: Bool
    /// Whether the registry marks the code deprecated (only 202 today).
    public var isDeprecated: Bool
    /// Who typically sends it, most likely first.
    public var sentBy: [SIPResponder]
    /// What a client does on receiving it, as a predicate: "resends the request with …".
    public var clientAction: String
    /// Whether, where and how the request may be sent again.
    public var retry: SIPRetryAdvice
    /// Header fields that matter for this code, most important first.
    public var keyHeaders: [SIPKeyHeader]
    /// What it means for the call as a whole.
    public var callEffect: SIPCallEffect
    /// What it means when the same code comes back right after the client acted on it, for
    /// the codes where that calls for different handling (a redirect loop, rejected
    /// credentials); nil where it does not.
    public var whenRepeated: String?

    /// Builds an entry. The class comes from the code; the call effect, unless given,
    /// from the class and the retry advice.
    public init(
        code: Int,
        reasonPhrase: String,
        reference: String,
        meaning: String,
        whenYouSeeIt: String,
        howToFix: String,
        sentBy: [SIPResponder],
        clientAction: String,
        retry: SIPRetryAdvice,
        keyHeaders: [SIPKeyHeader] = [],
        callEffect: SIPCallEffect? = nil,
        whenRepeated: String? = nil,
        isRegistered: Bool = true,
        isDeprecated: Bool = false
    ) {
        guard let statusClass = SIPStatusClass(code: code) else {
            preconditionFailure("SIP status code \(code) is outside 100–699")
        }
        self.code = code
        self.reasonPhrase = reasonPhrase
        self.statusClass = statusClass
        self.reference = reference
        self.meaning = meaning
        self.whenYouSeeIt = whenYouSeeIt
        self.howToFix = howToFix
        self.isRegistered = isRegistered
        self.isDeprecated = isDeprecated
        self.sentBy = sentBy
        self.clientAction = clientAction
        self.retry = retry
        self.keyHeaders = keyHeaders
        self.callEffect = callEffect ?? SIPCallEffect.derived(for: statusClass, retry: retry)
        self.whenRepeated = whenRepeated
    }

    /// "302 Moved Temporarily": the status line as people quote it.
    public var headline: String { "\(code) \(reasonPhrase)" }

    /// Whether this response ends its transaction (every code but 1xx does).
    public var isFinal: Bool { statusClass.isFinal }

    /// One line for a UI: the first sentence of `meaning`.
    public var summary: String { Self.firstSentence(of: meaning) }

    /// The text up to and including the first full stop that is followed by a space and a
    /// capital letter (or ends the text), so "e.g. foo" and "§21.3.3" do not cut it short.
    static func firstSentence(of text: String) -> String {
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            if characters[index] == "." {
                let next = index + 1
                if next == characters.count {
                    return String(characters[...index])
                }
                if characters[next] == " ", next + 1 < characters.count, characters[next + 1].isUppercase {
                    return String(characters[...index])
                }
            }
            index += 1
        }
        return text
    }
}
