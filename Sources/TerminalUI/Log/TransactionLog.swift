/// The transaction log: every entry in arrival order, and the rows on screen — entries
/// grouped by transaction (a transaction's messages together, transactions in the order
/// they began), less what the filter hides. Rows hold entry indices, so a 100,000-line log
/// is one array of Int32 plus the entries.
public struct TransactionLog: Sendable {
    public private(set) var entries: [LogEntry] = []
    /// Entry indices in display order.
    public private(set) var rows: [Int32] = []
    public private(set) var filter: LogFilter?
    private var groupByKey: [String: Int32] = [:]
    /// Entry indices per Call-ID, so a call's ladder does not scan the whole log.
    private var entriesByCallID: [String: [Int32]] = [:]
    private var groupCount: Int32 = 0

    public init() {}

    public var count: Int { entries.count }

    /// Adds an entry; returns the row it went to, or nil when the filter hides it.
    @discardableResult
    public mutating func append(_ entry: LogEntry) -> Int? {
        var entry = entry
        if let key = entry.transactionKey, let group = groupByKey[key] {
            entry.group = group
        } else {
            entry.group = groupCount
            if let key = entry.transactionKey { groupByKey[key] = groupCount }
            groupCount += 1
        }
        let index = Int32(entries.count)
        if let callID = entry.callID { entriesByCallID[callID, default: []].append(index) }
        entries.append(entry)
        guard filter?.matches(entry) ?? true else { return nil }
        // Rows are in group order: walk back past later groups (usually none or a few).
        var position = rows.count
        while position > 0, entries[Int(rows[position - 1])].group > entry.group { position -= 1 }
        rows.insert(index, at: position)
        return position
    }

    public mutating func setFilter(_ filter: LogFilter?) {
        self.filter = filter
        rows = []
        let order = entries.indices.sorted { a, b in
            entries[a].group != entries[b].group ? entries[a].group < entries[b].group : a < b
        }
        for index in order where filter?.matches(entries[index]) ?? true {
            rows.append(Int32(index))
        }
    }

    public func entry(atRow row: Int) -> LogEntry? {
        rows.indices.contains(row) ? entries[Int(rows[row])] : nil
    }

    /// How a row sits in its group: alone, first, inside or last (drawn ┌ │ └).
    public func groupPosition(ofRow row: Int) -> GroupPosition {
        let group = entries[Int(rows[row])].group
        let samePrevious = row > 0 && entries[Int(rows[row - 1])].group == group
        let sameNext = row + 1 < rows.count && entries[Int(rows[row + 1])].group == group
        switch (samePrevious, sameNext) {
        case (false, false): return .alone
        case (false, true): return .first
        case (true, true): return .middle
        case (true, false): return .last
        }
    }

    public enum GroupPosition: Sendable { case alone, first, middle, last }

    /// The entries of one call, in arrival order.
    public func entries(ofCall callID: String) -> [LogEntry] {
        (entriesByCallID[callID] ?? []).map { entries[Int($0)] }
    }

    /// The row showing entry `index`, if any.
    public func row(ofEntry index: Int) -> Int? {
        rows.lastIndex(of: Int32(index))
    }
}
