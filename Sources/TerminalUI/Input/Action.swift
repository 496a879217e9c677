/// Everything a key can do, by name, so a `[keys]` table can rebind it (sngrep's
/// keybinding.c idea). Each action lives in a scope: the same key may mean different
/// actions in the dial line and in the log, never two in one scope.
public enum Action: String, CaseIterable, Sendable, Hashable {
    // Anywhere.
    case interrupt = "interrupt"
    case help = "help"
    case redraw = "redraw"
    // Browsing the calls and the log (outside the dial line).
    case quit = "quit"
    case answer = "answer"
    case hangUp = "hang-up"
    case reject = "reject"
    case focusDial = "focus-dial"
    case filter = "filter"
    case save = "save"
    case ladder = "ladder"
    case selectUp = "select-up"
    case selectDown = "select-down"
    case pageUp = "page-up"
    case pageDown = "page-down"
    case first = "first"
    case follow = "follow"
    case detailUp = "detail-up"
    case detailDown = "detail-down"
    case nextCall = "next-call"
    case previousCall = "previous-call"
    case takeMove = "take-move"
    case close = "close"
    case mute = "mute"
    case hold = "hold"
    // The dial line only.
    case dial = "dial"
    case leaveDial = "leave-dial"
    case historyPrevious = "history-previous"
    case historyNext = "history-next"
    case complete = "complete"
    // Any text field (dial line and prompts).
    case cursorLeft = "cursor-left"
    case cursorRight = "cursor-right"
    case lineStart = "line-start"
    case lineEnd = "line-end"
    case deleteBackward = "delete-backward"
    case deleteForward = "delete-forward"
    case killLine = "kill-line"
    case killWord = "kill-word"
    // Prompts (credentials, redirect choice, filter, save).
    case accept = "accept"
    case cancel = "cancel"
    case nextField = "next-field"
    case toggleRemember = "toggle-remember"

    public enum Scope: String, Sendable, CaseIterable {
        case global, browse, dial, edit, prompt
    }

    public var scope: Scope {
        switch self {
        case .interrupt, .help, .redraw: .global
        case .quit, .answer, .hangUp, .reject, .focusDial, .filter, .save, .ladder, .selectUp, .selectDown,
             .pageUp, .pageDown, .first, .follow, .detailUp, .detailDown, .nextCall, .previousCall, .takeMove, .close,
             .mute, .hold:
            .browse
        case .dial, .leaveDial, .historyPrevious, .historyNext, .complete: .dial
        case .cursorLeft, .cursorRight, .lineStart, .lineEnd, .deleteBackward, .deleteForward, .killLine, .killWord: .edit
        case .accept, .cancel, .nextField, .toggleRemember: .prompt
        }
    }

    /// The keys it has unless `[keys]` says otherwise.
    public var defaultKeys: [String] {
        switch self {
        case .interrupt: ["ctrl-c"]
        case .help: ["f1", "?"]
        case .redraw: ["ctrl-l"]
        case .quit: ["q"]
        case .answer: ["a"]
        case .hangUp: ["h"]
        case .reject: ["r"]
        case .focusDial: ["d", ":"]
        case .filter: ["/"]
        case .save: ["s"]
        case .ladder: ["f"]
        case .selectUp: ["up", "k"]
        case .selectDown: ["down", "j"]
        case .pageUp: ["pgup"]
        case .pageDown: ["pgdn", "space"]
        case .first: ["home", "g"]
        case .follow: ["end", "G"]
        case .detailUp: ["["]
        case .detailDown: ["]"]
        case .nextCall: ["tab"]
        case .previousCall: ["shift-tab"]
        case .takeMove: ["u"]
        case .close: ["esc"]
        case .mute: ["m"]
        case .hold: ["p"]
        case .dial: ["enter"]
        case .leaveDial: ["esc"]
        case .historyPrevious: ["up", "ctrl-p"]
        case .historyNext: ["down", "ctrl-n"]
        case .complete: ["tab"]
        case .cursorLeft: ["left", "ctrl-b"]
        case .cursorRight: ["right", "ctrl-f"]
        case .lineStart: ["home", "ctrl-a"]
        case .lineEnd: ["end", "ctrl-e"]
        case .deleteBackward: ["backspace"]
        case .deleteForward: ["delete", "ctrl-d"]
        case .killLine: ["ctrl-u"]
        case .killWord: ["ctrl-w"]
        case .accept: ["enter"]
        case .cancel: ["esc"]
        case .nextField: ["tab"]
        case .toggleRemember: ["ctrl-t"]
        }
    }

    /// One line for the help screen.
    public var summary: String {
        switch self {
        case .interrupt: "quit (asks first while a call is up)"
        case .help: "show or hide this help"
        case .redraw: "redraw the whole screen"
        case .quit: "quit (asks first while a call is up; hangs up and unregisters)"
        case .answer: "answer the incoming call"
        case .hangUp: "hang up the selected call (CANCEL before an answer, BYE after)"
        case .reject: "reject the incoming call (486 Busy Here)"
        case .focusDial: "go to the dial line"
        case .filter: "filter the log: method, code, class (4xx), Call-ID or text"
        case .save: "save the log as pcap, with a text log beside it"
        case .ladder: "ladder of the selected message's call"
        case .selectUp: "select the previous log line"
        case .selectDown: "select the next log line"
        case .pageUp: "log: one page up"
        case .pageDown: "log: one page down"
        case .first: "log: first line"
        case .follow: "log: follow the newest line"
        case .detailUp: "detail pane: scroll up"
        case .detailDown: "detail pane: scroll down"
        case .nextCall: "select the next call"
        case .previousCall: "select the previous call"
        case .takeMove: "after a 301: dial the new address from now on (it replaces the history entry)"
        case .close: "close the ladder or help"
        case .mute: "mute or unmute the connected call (the peer hears silence)"
        case .hold: "hold or resume the connected call (re-INVITE with sendonly / sendrecv); 0-9 * # send DTMF"
        case .dial: "dial what is typed"
        case .leaveDial: "leave the dial line"
        case .historyPrevious: "previous number from history"
        case .historyNext: "next number from history"
        case .complete: "complete from history and contacts"
        case .cursorLeft: "cursor left"
        case .cursorRight: "cursor right"
        case .lineStart: "start of line"
        case .lineEnd: "end of line"
        case .deleteBackward: "delete the character before the cursor"
        case .deleteForward: "delete the character under the cursor"
        case .killLine: "delete to the start of the line"
        case .killWord: "delete the word before the cursor"
        case .accept: "prompt: next field, or send"
        case .cancel: "prompt: cancel"
        case .nextField: "prompt: next field"
        case .toggleRemember: "credentials: remember for this session, or not"
        }
    }
}
