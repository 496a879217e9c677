import SIPCore
import SIPUserAgent

/// Everything `config.toml` says, with the defaults for what it does not: the accounts,
/// which one is used when none is named, the redirect and authentication policy, the
/// theme, the local address and the key bindings. Flags override it (the wiring applies
/// them to these `var`s), and no secret is ever part of it.
///
/// Load it with `DialtoneConfiguration.load()`: a missing file gives the defaults, a bad
/// one a `DialtoneConfigError` naming every bad line. The file format is in the README
/// ("Configuration").
public struct DialtoneConfiguration: Sendable, Hashable {
    /// In the order the file lists them; each one's `id` is its table name
    /// (`[accounts.work]` → "work").
    public var accounts: [SIPAccount]
    /// `default_account`: the account calls go out from when none is named; nil means the
    /// first account (or, with none, the anonymous local identity).
    public var defaultAccountID: String?
    /// `theme`: a theme name (`Themes/<name>.toml`) or a path; nil means the built-in default.
    public var theme: String?
    /// `redirect`: what to do with a 3xx.
    public var redirectPolicy: SIPRedirectPolicy
    /// `redirect_limit`: how many redirects one call may follow (DESIGN.md: default 5).
    public var redirectLimit: Int
    /// `auth_attempts`: how many times to ask for credentials for one request before
    /// ending it (issue 4: default 3).
    public var authAttempts: Int
    /// `auto_answer`: answer incoming calls at once.
    public var autoAnswer: Bool
    /// `bind`: the local address; nil means any address, the default port.
    public var bind: DialtoneBindAddress?
    /// `credential_store`: the absolute path of the opt-in 0600 password file; nil means
    /// passwords are never written anywhere (the default).
    public var credentialStorePath: String?
    /// `[keys]`: action name → the keys bound to it, as written; the TUI interprets them.
    public var keyBindings: [String: [String]]
    /// `[contacts]`: names to dial instead of addresses, in the file's order.
    public var contacts: [SIPDialContact]
    /// The file this was read from; nil for the defaults.
    public var sourcePath: String?
    /// `[audio] device`: the ALSA device (or `null`, `tone:HZ`) when no flag names one.
    public var audioDevice: String?
    /// `[audio] codecs`: the codec list as `--codecs` takes it ("opus,pcmu"), checked by the caller.
    public var audioCodecs: String?

    public static let defaultRedirectLimit = 5
    public static let defaultAuthAttempts = 3

    public init(
        accounts: [SIPAccount] = [], defaultAccountID: String? = nil, theme: String? = nil,
        redirectPolicy: SIPRedirectPolicy = .follow, redirectLimit: Int = Self.defaultRedirectLimit,
        authAttempts: Int = Self.defaultAuthAttempts, autoAnswer: Bool = false, bind: DialtoneBindAddress? = nil,
        credentialStorePath: String? = nil, keyBindings: [String: [String]] = [:], contacts: [SIPDialContact] = [],
        sourcePath: String? = nil
    ) {
        self.accounts = accounts
        self.defaultAccountID = defaultAccountID
        self.theme = theme
        self.redirectPolicy = redirectPolicy
        self.redirectLimit = redirectLimit
        self.authAttempts = authAttempts
        self.autoAnswer = autoAnswer
        self.bind = bind
        self.credentialStorePath = credentialStorePath
        self.keyBindings = keyBindings
        self.contacts = contacts
        self.sourcePath = sourcePath
    }

    /// The account named `id`.
    public func account(named id: String) -> SIPAccount? {
        accounts.first { $0.id == id }
    }

    /// The account to use when none is named: `default_account`, else the first one.
    public var defaultAccount: SIPAccount? {
        if let defaultAccountID { return account(named: defaultAccountID) }
        return accounts.first
    }
}
