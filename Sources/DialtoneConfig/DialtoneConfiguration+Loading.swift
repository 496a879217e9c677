import SIPCore
import SIPUserAgent
import TOMLKit

extension DialtoneConfiguration {
    /// The keys allowed at the top of config.toml (scalars) and the two tables.
    static let topLevelKeys = [
        "default_account", "theme", "redirect", "redirect_limit", "auth_attempts", "auto_answer", "bind",
        "credential_store", "accounts", "keys", "contacts", "audio",
    ]
    /// The keys of the `[audio]` table, named like the command-line flags.
    static let audioKeys = ["device", "codecs"]
    /// The keys of an `[accounts.<name>]` table, named like the command-line flags.
    static let accountKeys = ["aor", "display_name", "registrar", "proxy", "transport", "user", "realm", "expires"]

    public static let redirectLimitRange = 1...20
    public static let authAttemptsRange = 1...10
    /// RFC 3261 §20.19: delta-seconds up to 2³² − 1.
    public static let expiresRange = 1...4_294_967_295

    /// `$XDG_CONFIG_HOME/dialtone/config.toml`, or `~/.config/dialtone/config.toml` when
    /// XDG_CONFIG_HOME is unset, empty or relative (the XDG Base Directory rule).
    public static func defaultPath(environment: [String: String] = processEnvironment) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            return FileAccess.expand("dialtone/config.toml", home: nil, base: xdg)
        }
        let home = FileAccess.homeDirectory(environment: environment) ?? "."
        return FileAccess.expand(".config/dialtone/config.toml", home: nil, base: home)
    }

    /// The variables `defaultPath` and display names read, from this process.
    public static var processEnvironment: [String: String] {
        var environment: [String: String] = [:]
        for name in ["XDG_CONFIG_HOME", "HOME"] {
            if let value = FileAccess.environmentValue(name) { environment[name] = value }
        }
        return environment
    }

    /// Reads the config from `defaultPath`; a missing file gives the defaults.
    ///
    /// - Parameter knownActions: the TUI's action names, to refuse a `[keys]` entry for an
    ///   action that does not exist; nil accepts any name.
    public static func load(
        environment: [String: String] = processEnvironment, knownActions: Set<String>? = nil
    ) throws(DialtoneConfigError) -> DialtoneConfiguration {
        try load(path: defaultPath(environment: environment), environment: environment, knownActions: knownActions)
    }

    /// Reads the config from `path` (a `--config` flag); a missing file gives the defaults.
    public static func load(
        path: String, environment: [String: String] = processEnvironment, knownActions: Set<String>? = nil
    ) throws(DialtoneConfigError) -> DialtoneConfiguration {
        let home = FileAccess.homeDirectory(environment: environment)
        let shown = FileAccess.displayPath(path, home: home)
        switch FileAccess.readFile(path) {
        case let .failure(failure):
            if failure.isMissing { return DialtoneConfiguration() }
            throw DialtoneConfigError(DialtoneConfigProblem(file: shown, message: "cannot be read: \(failure.reason)"))
        case let .success(contents):
            return try parse(contents.text, path: path, home: home, knownActions: knownActions)
        }
    }

    /// Reads config text. `path` names the file in errors (with `home` written `~`) and is
    /// the base of a relative `credential_store`.
    public static func parse(
        _ text: String, path: String, home: String? = nil, knownActions: Set<String>? = nil
    ) throws(DialtoneConfigError) -> DialtoneConfiguration {
        let shown = FileAccess.displayPath(path, home: home)
        let table = try TOMLReader.document(text, file: shown)
        var reader = TOMLReader(file: shown, lines: TOMLKeyLines(scanning: text))
        var config = DialtoneConfiguration(sourcePath: path)
        let base = FileAccess.parentDirectory(of: path)

        reader.refuseUnknownKeys(in: table, at: [], allowed: topLevelKeys, what: "top-level keys")
        if let value = table["accounts"] {
            config.accounts = readAccounts(value, reader: &reader)
        }
        if let value = table["default_account"], let name = reader.string(value, at: ["default_account"]) {
            if config.account(named: name) == nil {
                let names = config.accounts.map(\.id)
                reader.problem(at: ["default_account"], names.isEmpty
                    ? "\"\(name)\" names no account: there is no [accounts.\(TOMLReader.keyText(name))] table"
                    : "\"\(name)\" names no account; the accounts are: \(names.joined(separator: ", "))")
            } else {
                config.defaultAccountID = name
            }
        }
        if let value = table["theme"], let theme = reader.nonEmptyString(value, at: ["theme"]) {
            config.theme = theme
        }
        if let value = table["redirect"], let policy = reader.choice(value, at: ["redirect"], of: SIPRedirectPolicy.self) {
            config.redirectPolicy = policy
        }
        if let value = table["redirect_limit"], let limit = reader.integer(value, at: ["redirect_limit"], in: redirectLimitRange) {
            config.redirectLimit = limit
        }
        if let value = table["auth_attempts"], let count = reader.integer(value, at: ["auth_attempts"], in: authAttemptsRange) {
            config.authAttempts = count
        }
        if let value = table["auto_answer"], let flag = reader.boolean(value, at: ["auto_answer"]) {
            config.autoAnswer = flag
        }
        if let value = table["bind"], let text = reader.string(value, at: ["bind"]) {
            switch DialtoneBindAddress.parse(text) {
            case let .success(address): config.bind = address
            case let .failure(error): reader.problem(at: ["bind"], "\(TOMLReader.quoted(text)) is not ADDR[:PORT] (e.g. \"127.0.0.1:5062\"): \(error.reason)")
            }
        }
        if let value = table["credential_store"], let file = reader.nonEmptyString(value, at: ["credential_store"]) {
            config.credentialStorePath = FileAccess.expand(file, home: home, base: base)
        }
        if let value = table["keys"] {
            config.keyBindings = readKeys(value, reader: &reader, knownActions: knownActions)
        }
        if let value = table["contacts"] {
            config.contacts = readContacts(value, reader: &reader)
        }
        if let value = table["audio"], let audio = reader.table(value, at: ["audio"], hint: "write the audio settings as an [audio] table") {
            reader.refuseUnknownKeys(in: audio, at: ["audio"], allowed: audioKeys, what: "audio keys")
            if let device = audio["device"] { config.audioDevice = reader.nonEmptyString(device, at: ["audio", "device"]) }
            if let codecs = audio["codecs"] { config.audioCodecs = reader.nonEmptyString(codecs, at: ["audio", "codecs"]) }
        }
        if !reader.problems.isEmpty { throw reader.error }
        return config
    }

    static func readAccounts(_ value: any TOMLValueConvertible, reader: inout TOMLReader) -> [SIPAccount] {
        guard let accounts = reader.table(value, at: ["accounts"], hint: "write each account as [accounts.<name>]") else { return [] }
        var found: [(line: Int, account: SIPAccount)] = []
        for name in accounts.keys {
            let path = ["accounts", name]
            guard let entry = accounts[name],
                  let table = reader.table(entry, at: path, hint: "write the account as a table, [accounts.\(TOMLReader.keyText(name))]")
            else { continue }
            reader.refuseUnknownKeys(in: table, at: path, allowed: accountKeys, what: "account keys")
            if let account = readAccount(name: name, table: table, reader: &reader) {
                found.append((reader.lines.line(of: path) ?? 0, account))
            }
        }
        // TOMLKit's tables are sorted by key; the file's order is the one people mean.
        return found.sorted { $0.line < $1.line }.map(\.account)
    }

    static func readAccount(name: String, table: TOMLTable, reader: inout TOMLReader) -> SIPAccount? {
        let path = ["accounts", name]
        var ok = true
        var aor: SIPURI?
        if let value = table["aor"] {
            if let uri = reader.sipURI(value, at: path + ["aor"]) {
                if uri.user == nil {
                    reader.problem(at: path + ["aor"], "\"\(uri)\" has no user part; an address of record looks like \"sip:alice@example.test\"")
                    ok = false
                } else {
                    aor = uri
                }
            } else {
                ok = false
            }
        } else {
            reader.problem(at: path, "missing aor, the account's address (e.g. aor = \"sip:alice@example.test\")")
            ok = false
        }
        var account = SIPAccount(id: name, addressOfRecord: aor ?? SIPURI(user: nil, host: "invalid"))
        if let value = table["display_name"] { account.displayName = reader.string(value, at: path + ["display_name"]) }
        if let value = table["registrar"] {
            if let uri = reader.sipURI(value, at: path + ["registrar"]) {
                if uri.user != nil {
                    // RFC 3261 §10.2: a REGISTER's Request-URI has no userinfo.
                    reader.problem(at: path + ["registrar"], "\"\(uri)\" has a user part; a registrar is sip:host[:port] (RFC 3261 §10.2)")
                    ok = false
                } else {
                    account.registrar = uri
                }
            } else { ok = false }
        }
        if let value = table["proxy"] {
            if let uri = reader.sipURI(value, at: path + ["proxy"]) { account.outboundProxy = uri } else { ok = false }
        }
        if let value = table["transport"] {
            if let transport = reader.choice(value, at: path + ["transport"], of: SIPAccount.Transport.self) {
                account.transport = transport
            } else { ok = false }
        }
        if let value = table["user"] {
            if let user = reader.nonEmptyString(value, at: path + ["user"]) { account.authUsername = user } else { ok = false }
        }
        if let value = table["realm"] {
            if let realm = reader.nonEmptyString(value, at: path + ["realm"]) { account.realm = realm } else { ok = false }
        }
        if let value = table["expires"] {
            if let expires = reader.integer(value, at: path + ["expires"], in: expiresRange) { account.registerExpires = expires } else { ok = false }
        }
        return ok ? account : nil
    }

    /// `[contacts]`: `name = "what to dial"`, each target checked as the dial line would
    /// read it (a bare user or number is taken at the account's domain when dialled).
    static func readContacts(_ value: any TOMLValueConvertible, reader: inout TOMLReader) -> [SIPDialContact] {
        guard let table = reader.table(value, at: ["contacts"], hint: "write contacts as a [contacts] table: name = \"sip:bob@example.test\"")
        else { return [] }
        let someDomain = SIPURI(user: nil, host: "example.invalid")
        var found: [(line: Int, contact: SIPDialContact)] = []
        for name in table.keys {
            let path = ["contacts", name]
            guard let entry = table[name], let target = reader.nonEmptyString(entry, at: path) else { continue }
            guard !name.allSatisfy({ $0 == " " || $0 == "\t" }) else {
                reader.problem(at: path, "a contact needs a name")
                continue
            }
            do throws(SIPDialString.Failure) {
                _ = try SIPDialString.uri(from: target, domain: someDomain)
            } catch {
                reader.problem(at: path, "\(TOMLReader.quoted(target)) cannot be dialled: \(error.text)")
                continue
            }
            found.append((reader.lines.line(of: path) ?? 0, SIPDialContact(name: name, target: target)))
        }
        return found.sorted { $0.line < $1.line }.map(\.contact)
    }

    static func readKeys(_ value: any TOMLValueConvertible, reader: inout TOMLReader, knownActions: Set<String>?) -> [String: [String]] {
        guard let table = reader.table(value, at: ["keys"], hint: "write key bindings as a [keys] table: action = [\"key\", …]") else { return [:] }
        var bindings: [String: [String]] = [:]
        for action in table.keys {
            let path = ["keys", action]
            if let knownActions, !knownActions.contains(action) {
                reader.problem(at: path, "unknown action\(TOMLReader.suggestion(for: action, among: knownActions.sorted())); "
                    + "the actions are: \(knownActions.sorted().joined(separator: ", "))")
                continue
            }
            guard let entry = table[action] else { continue }
            if let single = entry.string {
                if single.isEmpty { reader.problem(at: path, "an empty key; write the key's name, e.g. \"q\" or \"ctrl-c\"") } else { bindings[action] = [single] }
                continue
            }
            guard let array = entry.array else {
                reader.problem(at: path, "expected a list of keys (e.g. [\"q\", \"ctrl-c\"]), found \(TOMLReader.typeName(entry.type))")
                continue
            }
            var keys: [String] = []
            var good = true
            for element in array {
                guard let key = element.string, !key.isEmpty else {
                    reader.problem(at: path, element.string == nil
                        ? "expected a list of strings, found \(TOMLReader.typeName(element.type)) in it"
                        : "an empty key in the list; write the key's name, e.g. \"q\" or \"ctrl-c\"")
                    good = false
                    break
                }
                keys.append(key)
            }
            if good { bindings[action] = keys }
        }
        return bindings
    }
}
