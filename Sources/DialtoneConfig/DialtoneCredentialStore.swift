import SIPUserAgent
import TOMLKit

/// The opt-in file of passwords a person chose to remember (`credential_store` in
/// config.toml): one entry per (realm, host). DESIGN.md says a password reaches no file
/// but this one, so the file is guarded both ways:
///
/// - it is only ever written through a new file created with mode 0600 in the `open`
///   call itself (never chmod-ed afterwards: there is no moment when it is readable by
///   others), then renamed over the old one;
/// - reading refuses a file with any group or other permission bit, or owned by another
///   user, saying which file, which mode, and `chmod 600 FILE`.
///
/// The format is TOML, one `[[credential]]` table per entry:
///
/// ```toml
/// [[credential]]
/// realm = "dialtone-demo"
/// host = "127.0.0.1"
/// username = "demo"
/// password = "demo"
/// ```
public struct DialtoneCredentialStore: Sendable, Hashable {
    /// One remembered password. Its textual forms leave the password out.
    public struct Entry: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
        /// The realm of the challenge.
        public var realm: String
        /// The host that challenged (registrar, proxy or peer), as the user agent names it.
        public var host: String
        public var username: String
        public var password: String

        public init(realm: String, host: String, username: String, password: String) {
            self.realm = realm
            self.host = host
            self.username = username
            self.password = password
        }

        /// What a person answered to a credentials question, to remember.
        public init(realm: String, host: String, answer: SIPCredentialsAnswer) {
            self.init(realm: realm, host: host, username: answer.username, password: answer.password)
        }

        /// The entry as the answer to a credentials question (kept for the session).
        public var answer: SIPCredentialsAnswer {
            SIPCredentialsAnswer(username: username, password: password, remember: true)
        }

        public var description: String { "credential(realm: \(realm), host: \(host), username: \(username), password: <redacted>)" }

        public var customMirror: Mirror {
            Mirror(self, children: ["realm": realm, "host": host, "username": username, "password": "<redacted>"], displayStyle: .struct)
        }
    }

    /// The file's absolute path.
    public let path: String
    /// In the file's order.
    public private(set) var entries: [Entry]

    static let entryKeys = ["realm", "host", "username", "password"]

    /// An empty store for `path` (nothing is written until `save()`).
    public init(path: String, entries: [Entry] = []) {
        self.path = path
        self.entries = entries
    }

    /// Reads the store at `path`. A missing file is an empty store; a file others could
    /// read is refused.
    public static func load(path: String, environment: [String: String] = DialtoneConfiguration.processEnvironment) throws(DialtoneConfigError) -> DialtoneCredentialStore {
        let shown = FileAccess.displayPath(path, home: FileAccess.homeDirectory(environment: environment))
        switch FileAccess.readFile(path) {
        case let .failure(failure):
            if failure.isMissing { return DialtoneCredentialStore(path: path) }
            throw DialtoneConfigError(DialtoneConfigProblem(file: shown, message: "cannot be read: \(failure.reason)"))
        case let .success(contents):
            if contents.mode & 0o077 != 0 {
                let mode = "0" + String(contents.mode & 0o777, radix: 8)
                throw DialtoneConfigError(DialtoneConfigProblem(
                    file: shown,
                    message: "has mode \(mode), so other users could read the passwords in it; Dialtone reads it only "
                        + "when it is private to you. Fix it with: chmod 600 \(shown)"))
            }
            if contents.owner != FileAccess.currentUser {
                throw DialtoneConfigError(DialtoneConfigProblem(
                    file: shown,
                    message: "belongs to user id \(contents.owner), not to you (\(FileAccess.currentUser)); Dialtone reads "
                        + "a password file only when it is yours. Remove it, or give it to yourself with chown"))
            }
            return try parse(contents.text, path: path, shownAs: shown)
        }
    }

    /// Reads store text; `shownAs` names the file in errors.
    static func parse(_ text: String, path: String, shownAs shown: String) throws(DialtoneConfigError) -> DialtoneCredentialStore {
        let table = try TOMLReader.document(text, file: shown)
        var reader = TOMLReader(file: shown, lines: TOMLKeyLines(scanning: text))
        reader.refuseUnknownKeys(in: table, at: [], allowed: ["credential"], what: "top-level keys")
        var entries: [Entry] = []
        if let value = table["credential"] {
            if let array = value.array {
                for (index, element) in array.enumerated() {
                    let path = ["credential", "[\(index)]"]
                    guard let entry = reader.table(element, at: path, hint: "write each entry as a [[credential]] table") else { continue }
                    reader.refuseUnknownKeys(in: entry, at: path, allowed: entryKeys, what: "keys of an entry")
                    var fields: [String: String] = [:]
                    for key in entryKeys {
                        guard let field = entry[key] else {
                            reader.problem(at: path, "missing \(key)")
                            continue
                        }
                        // Never quote a value here: it may be the password.
                        guard let text = field.string else {
                            reader.problem(at: path + [key], "expected a string, found \(TOMLReader.typeName(field.type))")
                            continue
                        }
                        if text.isEmpty && key != "password" {
                            reader.problem(at: path + [key], "is empty")
                            continue
                        }
                        fields[key] = text
                    }
                    if let realm = fields["realm"], let host = fields["host"], let username = fields["username"], let password = fields["password"] {
                        entries.append(Entry(realm: realm, host: host, username: username, password: password))
                    }
                }
            } else {
                reader.problem(at: ["credential"], "expected [[credential]] tables, found \(TOMLReader.typeName(value.type))")
            }
        }
        if !reader.problems.isEmpty { throw reader.error }
        return DialtoneCredentialStore(path: path, entries: entries)
    }

    /// The remembered entry for a realm at a host.
    public func entry(realm: String, host: String) -> Entry? {
        entries.first { $0.realm == realm && $0.host == host }
    }

    /// Adds `entry`, replacing the one for the same realm and host.
    public mutating func remember(_ entry: Entry) {
        if let index = entries.firstIndex(where: { $0.realm == entry.realm && $0.host == entry.host }) {
            entries[index] = entry
        } else {
            entries.append(entry)
        }
    }

    /// Drops the entry for a realm at a host (after the server refused it); true if there was one.
    @discardableResult
    public mutating func forget(realm: String, host: String) -> Bool {
        let before = entries.count
        entries.removeAll { $0.realm == realm && $0.host == host }
        return entries.count != before
    }

    /// The file's text.
    public var fileText: String {
        var out = """
            # Dialtone's credential store: the passwords you chose to remember (credential_store
            # in config.toml). It must stay private (mode 0600): Dialtone refuses to read it otherwise.

            """
        for entry in entries {
            out += "\n[[credential]]\n"
            out += "realm = \(TOMLReader.quoted(entry.realm))\n"
            out += "host = \(TOMLReader.quoted(entry.host))\n"
            out += "username = \(TOMLReader.quoted(entry.username))\n"
            out += "password = \(TOMLReader.quoted(entry.password))\n"
        }
        return out
    }

    /// Writes the store: a new file created with mode 0600, renamed over the old one; the
    /// directories on the way are created with mode 0700.
    public func save(environment: [String: String] = DialtoneConfiguration.processEnvironment) throws(DialtoneConfigError) {
        if case let .failure(failure) = FileAccess.writeAtomically(fileText, to: path, mode: 0o600) {
            let shown = FileAccess.displayPath(path, home: FileAccess.homeDirectory(environment: environment))
            throw DialtoneConfigError(DialtoneConfigProblem(file: shown, message: "cannot be written: \(failure.reason)"))
        }
    }
}
