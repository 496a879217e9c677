import SIPCore
import SIPUserAgent

/// A question the screen is asking. Only one at a time is shown; the user agent's
/// questions wait in a queue behind it.
public enum Prompt: Sendable {
    case credentials(CredentialsPrompt)
    case redirectChoice(RedirectChooser)
    case quitConfirm
    case save(LineEditor)
    case filter(LineEditor)
}

/// The credentials form: username (prefilled), masked password, and whether to keep them.
public struct CredentialsPrompt: Sendable {
    public enum Field: Sendable { case username, password }
    public var question: SIPCredentialsQuestion
    public var username: LineEditor
    public var password: LineEditor
    public var field: Field = .username
    public var remember = true

    public init(question: SIPCredentialsQuestion) {
        self.question = question
        username = LineEditor(question.suggestedUsername ?? "")
        password = LineEditor()
    }
}

/// A 300 (or the "ask" policy): the targets to choose from.
public struct RedirectChooser: Sendable {
    public var call: SIPCallHandle
    public var question: Int
    public var targets: [SIPURI]
    public var code: Int
    public var selected = 0
}
