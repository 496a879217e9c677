/// A theme that cannot be used, said so a person can fix it: which file, which key,
/// what is wrong. The caller falls back to the built-in default.
public struct ThemeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// The dotted key ("roles.log.4xx.fg"), or "" for the file as a whole.
    public var key: String
    public var message: String

    public init(file: String, key: String, message: String) {
        self.file = file
        self.key = key
        self.message = message
    }

    public var description: String {
        key.isEmpty ? "\(file): \(message)" : "\(file): \(key): \(message)"
    }
}
