#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What was dialled on the screen, kept between runs like a shell's history: one entry a
/// line, oldest first, in `$XDG_STATE_HOME/dialtone/history` (else
/// `~/.local/state/dialtone/history`), mode 0600 (what people call is their business).
/// Entries are what was typed — a 302 never changes them (DESIGN.md).
public struct DialHistoryFile: Sendable {
    public let path: String
    /// How many entries `load` returns and the file keeps.
    public let limit: Int

    public init(path: String, limit: Int = 500) {
        self.path = path
        self.limit = max(1, limit)
    }

    /// The file for this user (see the type's description).
    public static func standard(environment: [String: String] = processEnvironment) -> DialHistoryFile {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return DialHistoryFile(path: FileAccess.expand("dialtone/history", home: nil, base: state))
        }
        let home = FileAccess.homeDirectory(environment: environment) ?? "."
        return DialHistoryFile(path: FileAccess.expand(".local/state/dialtone/history", home: nil, base: home))
    }

    /// The variables `standard` reads, from this process.
    public static var processEnvironment: [String: String] {
        var environment: [String: String] = [:]
        for name in ["XDG_STATE_HOME", "HOME"] {
            if let value = FileAccess.environmentValue(name) { environment[name] = value }
        }
        return environment
    }

    /// The entries, oldest first, each once (its latest place), at most `limit`. A file
    /// that is missing is an empty history; one that cannot be read is an error in words.
    public func load() -> Result<[String], DialHistoryError> {
        switch FileAccess.readFile(path) {
        case let .failure(failure):
            return failure.isMissing ? .success([]) : .failure(DialHistoryError(path: path, reason: failure.reason))
        case let .success(contents):
            return .success(Self.entries(contents.text.split(separator: "\n").map(String.init), limit: limit))
        }
    }

    /// Adds `entry` (a line of its own) and keeps the file to `limit` entries. Entries
    /// with a line break are refused rather than split.
    public func append(_ entry: String) -> Result<Void, DialHistoryError> {
        rewrite(adding: entry) { $0 }
    }

    /// Takes `old` out and adds `new` as the newest entry: a 301 the user took.
    public func replace(_ old: String, with new: String) -> Result<Void, DialHistoryError> {
        rewrite(adding: new) { $0.filter { $0 != old } }
    }

    /// Reads the entries, changes them, adds `entry` as the newest and writes the file
    /// back (no fsync: it is written from the screen's thread).
    private func rewrite(adding entry: String, _ change: ([String]) -> [String]) -> Result<Void, DialHistoryError> {
        guard !entry.isEmpty, !entry.contains(where: { $0 == "\n" || $0 == "\r" }) else {
            return .failure(DialHistoryError(path: path, reason: "an entry must be one line"))
        }
        return load().flatMap { existing in
            let kept = Self.entries(change(existing) + [entry], limit: limit)
            return FileAccess.writeAtomically(kept.map { $0 + "\n" }.joined(), to: path, mode: 0o600, durable: false)
                .mapError { DialHistoryError(path: path, reason: $0.reason) }
        }
    }

    /// `lines` with blanks dropped, each entry once at its latest place, the newest `limit`.
    static func entries(_ lines: [String], limit: Int) -> [String] {
        var seen: Set<String> = []
        var newestFirst: [String] = []
        for line in lines.reversed() where !line.isEmpty && seen.insert(line).inserted {
            newestFirst.append(line)
            if newestFirst.count == limit { break }
        }
        return newestFirst.reversed()
    }
}

/// The history file could not be read or written: shown on the screen's message line;
/// dialling goes on without it.
public struct DialHistoryError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "history \(path): \(reason)" }
}
