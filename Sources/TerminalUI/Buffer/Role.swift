/// A semantic colour role: what a cell *is*, not which colour it has. Widgets paint roles;
/// a `Theme` maps them to colours, so the screen can be tested without a terminal and
/// restyled without touching a widget. The raw value is the name a theme file uses; a
/// dotted name falls back to its parent (`log.4xx` → `log` → `text`).
public enum Role: String, CaseIterable, Sendable, Hashable {
    case text = "text"
    case dim = "text.dim"
    case border = "border"
    case title = "title"
    case statusBar = "status-bar"
    case statusGood = "status-bar.good"
    case statusBusy = "status-bar.busy"
    case statusBad = "status-bar.bad"
    case dialPrompt = "dial.prompt"
    case dialInput = "dial"
    case prompt = "prompt"
    case promptField = "prompt.field"
    case selection = "selection"
    case error = "error"
    case notice = "notice"
    case hint = "hint"
    case call = "call"
    case callCalling = "call.calling"
    case callTrying = "call.trying"
    case callRinging = "call.ringing"
    case callEarly = "call.early"
    case callIncoming = "call.incoming"
    case callConnected = "call.connected"
    case callTerminating = "call.terminating"
    case callEnded = "call.ended"
    case callFailed = "call.failed"
    case redirect = "call.redirect"
    case log = "log"
    case request = "log.request"
    case response1xx = "log.1xx"
    case response2xx = "log.2xx"
    case response3xx = "log.3xx"
    case response4xx = "log.4xx"
    case response5xx = "log.5xx"
    case response6xx = "log.6xx"
    case retransmission = "log.retransmission"
    case logNote = "log.note"
    case time = "log.time"
    case startLine = "detail.start-line"
    case headerName = "detail.header-name"
    case headerValue = "detail.header-value"
    case body = "detail.body"
    case explanation = "detail.explanation"
    case ladderEndpoint = "ladder.endpoint"
    case ladderLifeline = "ladder.lifeline"

    /// The role one dot up (`log.4xx` → `log`); `text` for an undotted role; nil for `text`.
    public var parent: Role? {
        if self == .text { return nil }
        guard let dot = rawValue.lastIndex(of: ".") else { return .text }
        return Role(rawValue: String(rawValue[..<dot])) ?? .text
    }

    /// The role of a response line by its class (100–699); `log` outside that range.
    public static func response(code: Int) -> Role {
        switch code / 100 {
        case 1: .response1xx
        case 2: .response2xx
        case 3: .response3xx
        case 4: .response4xx
        case 5: .response5xx
        case 6: .response6xx
        default: .log
        }
    }
}
