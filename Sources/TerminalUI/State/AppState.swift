import SIPCore
import SIPUserAgent

/// Everything the screen shows, and nothing it does not: `update` changes it from inputs,
/// `Screen.render` draws it. A value, so a test can build one, feed it recorded events
/// and look at the frame.
public struct AppState: Sendable {
    /// Where typing goes when no prompt is up.
    public enum Focus: Sendable, Equatable { case dialLine, browse }
    /// What covers the log and detail panes (the call panel always stays).
    public enum Overlay: Sendable, Equatable {
        case help(scroll: Int)
        case ladder(callID: String, scroll: Int)
    }

    public var size: (cols: Int, rows: Int)
    public var clock: WallClock
    public var keyMap: KeyMap

    // Who we are.
    public var accounts: [SIPAccount]
    public var currentAccount: Int = 0
    public var registrations: [String: SIPRegistrationState] = [:]
    /// Lines the empty call panel shows instead of its hint, and the help screen shows
    /// first: where the demo peer is, its numbers and its credentials.
    public var intro: [String] = []
    /// A short reminder shown after the cursor while the dial line is empty ("demo:
    /// 100 answers · 302 redirects · …").
    public var dialHint: String?

    /// Our address as the transport bound it ("192.0.2.10:5060"); the newest log line's
    /// local address when not set.
    public var localAddress: String?

    // The dial line.
    public var focus: Focus = .dialLine
    public var dialLine = LineEditor()
    public var dialError: String?
    /// Dialled strings, oldest first, each once.
    public var history: [String] = []
    /// Names to dial instead of addresses (config.toml's `[contacts]`); Tab completes them.
    public var contacts: [SIPDialContact] = []
    var historyIndex: Int?
    var historyDraft = ""
    var completion: (prefix: String, index: Int)?
    /// Calls dialled whose `callStarted` has not come yet: what was typed, by URI.
    var pendingDials: [(uri: SIPURI, typed: String)] = []

    // Calls, oldest first; ended ones stay (dimmed) until there are too many.
    public var calls: [CallRecord] = []
    public var selectedCall: SIPCallHandle?

    // The log.
    public var log = TransactionLog()
    public var selectedRow = 0
    /// True: the selection follows the newest line.
    public var following = true
    public var logTop = 0
    public var detailScroll = 0

    public var overlay: Overlay?
    public var prompt: Prompt?
    /// User-agent questions behind the one on screen.
    public var pendingPrompts: [Prompt] = []
    /// One line at the bottom: a result, an error from the user agent. Shown for
    /// `messageSeconds` (errors three times as long), then the key hints come back.
    public var message: (text: String, isError: Bool)? {
        didSet { messageSetAt = clock.seconds }
    }
    var messageSetAt = 0.0
    public static let messageSeconds = 8.0

    /// The message while it is still fresh.
    public var shownMessage: (text: String, isError: Bool)? {
        guard let message else { return nil }
        return clock.seconds - messageSetAt < Self.messageSeconds * (message.isError ? 3 : 1) ? message : nil
    }

    /// How many ended calls stay on the panel.
    public static let endedCallsKept = 5

    public init(accounts: [SIPAccount] = [], size: (cols: Int, rows: Int) = (80, 24),
                clock: WallClock = WallClock(seconds: 0), keyMap: KeyMap = .standard) {
        self.accounts = accounts
        self.size = size
        self.clock = clock
        self.keyMap = keyMap
    }

    public var account: SIPAccount? { accounts.indices.contains(currentAccount) ? accounts[currentAccount] : nil }

    public var activeCalls: [CallRecord] { calls.filter(\.isActive) }

    public func call(_ handle: SIPCallHandle) -> CallRecord? { calls.first { $0.handle == handle } }

    /// The address shown in the status bar.
    public var shownLocalAddress: String? {
        localAddress ?? log.entries.last?.local
    }

    /// The transport shown in the status bar: the account's, else the last message's.
    public var shownTransport: String {
        if let account { return account.transport.rawValue.uppercased() }
        return log.entries.last?.transport ?? "UDP"
    }

    /// The smallest terminal the screen lays out in; below it, a message asks for more.
    public static let minimumSize = (cols: 60, rows: 16)

    public var isTooSmall: Bool { size.cols < Self.minimumSize.cols || size.rows < Self.minimumSize.rows }

    /// Seconds until the screen next changes by itself: 1 while a call's timer runs, else
    /// the next minute (the clock shows seconds only then). Lets the run loop sleep.
    public var secondsUntilNextTick: Double {
        let fraction = clock.seconds - clock.seconds.rounded(.down)
        if calls.contains(where: \.isActive) { return 1 - fraction }
        let intoMinute = (clock.seconds + Double(clock.utcOffset)).truncatingRemainder(dividingBy: 60)
        var wait = 60 - intoMinute
        if let message = shownMessage {
            wait = min(wait, messageSetAt + Self.messageSeconds * (message.isError ? 3 : 1) - clock.seconds + 0.01)
        }
        return max(0.01, wait)
    }
}
