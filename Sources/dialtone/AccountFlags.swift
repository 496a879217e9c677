import ArgumentParser
import DialtoneConfig
import SIPCore
import SIPNIO
import SIPUserAgent

/// The account flags of the screen and of `call`, `register` and `answer`: the same names
/// as the config keys, each overriding the config file's.
struct AccountFlags: ParsableArguments {
    @Option(help: ArgumentHelp("The config file (default: $XDG_CONFIG_HOME/dialtone/config.toml).", valueName: "FILE"))
    var config: String?

    @Option(name: .customLong("account"), help: ArgumentHelp("Use this [accounts.NAME] of the config; flags override its keys.", valueName: "NAME"))
    var accountName: String?

    @Option(help: ArgumentHelp("Address of record: who we are.", valueName: "sip:alice@example.test"))
    var aor: String?

    @Option(name: .customLong("display-name"), help: "Display name in From.")
    var displayName: String?

    @Option(help: ArgumentHelp("Registrar.", valueName: "sip:host[:port]"))
    var registrar: String?

    @Option(help: ArgumentHelp("Outbound proxy: every request goes there first.", valueName: "sip:host[:port]"))
    var proxy: String?

    @Option(help: ArgumentHelp("Username for digest authentication (default: the AOR's user).", valueName: "NAME"))
    var user: String?

    @Option(help: "Only use --user for this realm.")
    var realm: String?

    @Option(help: ArgumentHelp("udp, tcp or tls.", valueName: "udp|tcp|tls"))
    var transport: String?

    @Option(help: ArgumentHelp("Local address to listen on (default: any address, any port).", valueName: "ADDR[:PORT]"))
    var bind: String?

    @Option(help: ArgumentHelp("Redirects: follow (default), ask, or never.", valueName: "follow|ask|never"))
    var redirect: String?

    @Option(help: "At most this many redirects per call (default 5).")
    var redirectLimit: Int?

    @Option(help: "Give up after credentials are refused this many times (default 3).")
    var authAttempts: Int?

    @Option(help: ArgumentHelp("RFC 3261 T1 in milliseconds (retransmission base; tests use small values).", visibility: .hidden))
    var t1: Int = 500

    /// Every flag checked before anything runs: a bad value is a usage error (exit 2)
    /// naming the flag, whichever command it was given to.
    func validate() throws {
        _ = try parsedTransport()
        _ = try parsedRedirectPolicy()
        try NumericFlag.check(redirectLimit, "--redirect-limit", in: DialtoneConfiguration.redirectLimitRange)
        try NumericFlag.check(authAttempts, "--auth-attempts", in: DialtoneConfiguration.authAttemptsRange)
        try NumericFlag.check(t1, "--t1", in: NumericFlag.t1Range)
        if bind != nil { _ = try bindAddress() }
    }

    func parsedTransport() throws -> SIPAccount.Transport {
        guard let transport else { return .udp }
        guard let value = SIPAccount.Transport(rawValue: transport.lowercased()) else {
            throw ValidationError("--transport \(transport): use udp, tcp or tls")
        }
        return value
    }

    func parsedRedirectPolicy() throws -> SIPRedirectPolicy {
        guard let redirect else { return .follow }
        guard let value = SIPRedirectPolicy(rawValue: redirect.lowercased()) else {
            throw ValidationError("--redirect \(redirect): use follow, ask or never")
        }
        return value
    }

    static func uri(_ text: String, flag: String) throws -> SIPURI {
        let full = text.lowercased().hasPrefix("sip:") || text.lowercased().hasPrefix("sips:") ? text : "sip:" + text
        do { return try SIPURI(parsing: full) } catch {
            throw ValidationError("--\(flag) \(text): not a SIP URI (\(error.reason))")
        }
    }

    /// The config file: the one --config names, else the default place (missing: defaults).
    func loadConfiguration() throws -> DialtoneConfiguration {
        do {
            if let config { return try DialtoneConfiguration.load(path: config) }
            return try DialtoneConfiguration.load()
        } catch {
            throw HeadlessFailure("\(error)")
        }
    }

    /// `loadConfiguration`, or its problems on standard error and exit status 1.
    func loadConfigurationOrExit() throws -> DialtoneConfiguration {
        do {
            return try loadConfiguration()
        } catch {
            HeadlessSession.printPromptNote("dialtone: \(error)")
            throw ExitCode(HeadlessExitStatus.otherError)
        }
    }

    /// The account to use: --account (or the config's default) with every flag given
    /// overriding its key; from the flags alone when the config has none; nil when there
    /// is no account at all (the anonymous identity).
    func account(from configuration: DialtoneConfiguration) throws -> SIPAccount? {
        var base: SIPAccount?
        if let accountName {
            guard let named = configuration.account(named: accountName) else {
                let known = configuration.accounts.map(\.id).joined(separator: ", ")
                throw ValidationError("--account \(accountName): no such account in \(configuration.sourcePath ?? "the config")\(known.isEmpty ? "" : " (there are: \(known))")")
            }
            base = named
        } else if aor == nil {
            base = configuration.defaultAccount
        }
        if base == nil {
            guard let aor else {
                if registrar != nil { throw ValidationError("--registrar needs --aor (who to register)") }
                return nil
            }
            let aorURI = try Self.uri(aor, flag: "aor")
            base = SIPAccount(id: aorURI.user ?? "account", addressOfRecord: aorURI)
        }
        guard var account = base else { return nil }
        if let aor { account.addressOfRecord = try Self.uri(aor, flag: "aor") }
        guard account.addressOfRecord.user != nil else {
            throw ValidationError("the address of record \(account.addressOfRecord) needs a user part (sip:alice@example.test)")
        }
        if let displayName { account.displayName = displayName }
        if let registrar { account.registrar = try Self.uri(registrar, flag: "registrar") }
        if let proxy { account.outboundProxy = try Self.uri(proxy, flag: "proxy") }
        if transport != nil { account.transport = try parsedTransport() }
        if let user { account.authUsername = user }
        if let realm { account.realm = realm }
        return account
    }

    /// The redirect policy and limits: flags, else the config.
    func policies(from configuration: DialtoneConfiguration) throws -> (redirect: SIPRedirectPolicy, redirectLimit: Int, authAttempts: Int) {
        let policy = redirect == nil ? configuration.redirectPolicy : try parsedRedirectPolicy()
        let limit = redirectLimit ?? configuration.redirectLimit
        let attempts = authAttempts ?? configuration.authAttempts
        guard limit >= 0 else { throw ValidationError("--redirect-limit must be 0 or more") }
        guard attempts >= 1 else { throw ValidationError("--auth-attempts must be 1 or more") }
        return (policy, limit, attempts)
    }

    /// `--bind ADDR[:PORT]` as an address (default: the wildcard on any port).
    func bindAddress(configured: DialtoneBindAddress? = nil) throws -> SIPAddress {
        guard let text = bind else {
            guard let configured else { return .ipv4("0.0.0.0", 0) }
            return SIPAddress(host: configured.host, port: configured.port ?? 0)
        }
        // `:5062` is any address on that port.
        switch DialtoneBindAddress.parse(text.hasPrefix(":") && !text.hasPrefix("::") ? "0.0.0.0" + text : text) {
        case let .success(address): return SIPAddress(host: address.host, port: address.port ?? 0)
        case let .failure(error): throw ValidationError("--bind \(text): \(error.reason)")
        }
    }
}
