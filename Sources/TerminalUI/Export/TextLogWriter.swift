/// The log as plain text: per message a line saying when (UTC), which way, between which
/// addresses, in which transaction, then the message as it crossed the wire.
public struct TextLogWriter: Sendable {
    public init() {}

    public func text(_ entries: [LogEntry]) -> String {
        let utc = WallClock(seconds: 0)
        var out = "# Dialtone transaction log: \(entries.count) messages, times in UTC\n\n"
        for entry in entries {
            let local = entry.local ?? "?", remote = entry.remote ?? "?"
            let route = entry.direction == .sent ? "\(local) → \(remote)" : "\(remote) → \(local)"
            var line = "\(utc.dateTime(entry.time)) UTC  \(entry.direction == .sent ? "sent" : "received")  \(entry.transport) \(route)"
            if let key = entry.transactionKey { line += "  transaction \(key)" + (entry.transactionState.map { " (\($0))" } ?? "") }
            if entry.isRetransmission { line += "  retransmission" }
            if let note = entry.note { line += "  note: \(note)" }
            out += line + "\n"
            var text = entry.text.replacing("\r\n", with: "\n")
            if !text.hasSuffix("\n") { text += "\n" }
            out += text + "\n"
        }
        return out
    }
}
