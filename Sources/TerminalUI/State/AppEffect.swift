import SIPUserAgent

/// What `update` asks the outside world to do. The screen never does these itself.
public enum AppEffect: Sendable {
    /// Hand a command to the user agent.
    case send(SIPUserAgentCommand)
    /// Hold, resume, mute or DTMF on a call's media.
    case media(SIPCallHandle, CallMediaCommand)
    /// Leave: the terminal is restored and the program ends. Any hang-ups and
    /// unregistrations come as `.send` effects just before.
    case quit
    /// Write the log to `pcapPath` and `textPath` (see `LogFileWriter`).
    case saveLog(LogExportRequest)
    /// Repaint every cell (the terminal was disturbed).
    case redraw
    /// `typed` was dialled: keep it in the history file (the state has it already).
    case dialled(String)
    /// A 301 was taken: `old` leaves the history file and `new` takes its place.
    case historyReplaced(old: String, new: String)
}

/// The entries to save and where.
public struct LogExportRequest: Sendable {
    public var pcapPath: String
    public var textPath: String
    public var entries: [LogEntry]
    public var clock: WallClock

    public init(pcapPath: String, textPath: String, entries: [LogEntry], clock: WallClock) {
        self.pcapPath = pcapPath
        self.textPath = textPath
        self.entries = entries
        self.clock = clock
    }
}
