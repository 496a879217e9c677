/// One thing wrong in a config file, where it is and why, in the shape compilers use so
/// editors can jump to it: `~/.config/dialtone/config.toml:7: accounts.work.transport:
/// "sctp" is not one of udp, tcp, tls`.
///
/// A syntax error carries the column TOMLKit reports and no key; a semantic one carries the
/// key's dotted path and the line the key (or, for a missing key, its table) is written on.
public struct DialtoneConfigProblem: Sendable, Hashable, CustomStringConvertible {
    /// The file as shown to the user (the home directory written `~`).
    public var file: String
    /// 1-based; nil when the problem is the file as a whole (unreadable, wrong mode).
    public var line: Int?
    public var column: Int?
    /// The dotted key path (`accounts.work.transport`), when the problem is a key's.
    public var key: String?
    /// What is wrong, in plain words, ideally with what would be right.
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, key: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    public var description: String {
        var place = file
        if let line {
            place += ":\(line)"
            if let column { place += ":\(column)" }
        }
        if let key { return "\(place): \(key): \(message)" }
        return "\(place): \(message)"
    }
}
