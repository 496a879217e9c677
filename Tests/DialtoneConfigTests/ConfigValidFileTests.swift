import SIPCore
import SIPUserAgent
import Testing

@testable import DialtoneConfig

/// A config that uses every key, and the defaults when a key (or the file) is absent.
@Suite("config.toml: valid files")
struct ConfigValidFileTests {
    static let home = "/home/ada"
    static let path = "/home/ada/.config/dialtone/config.toml"

    static let full = """
        # Dialtone's settings
        default_account = "work"
        theme = "light"
        redirect = "ask"
        redirect_limit = 7
        auth_attempts = 2
        auto_answer = true
        bind = "192.0.2.7:5062"
        credential_store = "credentials.toml"

        [accounts.work]
        aor = "sip:alice@example.test"
        display_name = "Alice at work"
        registrar = "sip:registrar.example.test:5070"
        proxy = "sip:proxy.example.test;lr"
        transport = "tcp"
        user = "alice-auth"
        realm = "example.test"
        expires = 600

        [accounts.home]
        aor = "sips:alice@home.example"
        transport = "TLS"

        [keys]
        hang_up = ["h", "ctrl-d"]
        quit = "q"
        """

    @Test func everyKeyIsRead() throws {
        let config = try DialtoneConfiguration.parse(Self.full, path: Self.path, home: Self.home)
        #expect(config.accounts.map(\.id) == ["work", "home"], "the file's order, not TOML's sorted one")
        let work = try #require(config.account(named: "work"))
        #expect(work.addressOfRecord == (try SIPURI(parsing: "sip:alice@example.test")))
        #expect(work.displayName == "Alice at work")
        #expect(work.registrar?.host == "registrar.example.test" && work.registrar?.port == 5070)
        #expect(work.outboundProxy?.host == "proxy.example.test" && work.outboundProxy?.lr == true)
        #expect(work.transport == .tcp)
        #expect(work.authUsername == "alice-auth")
        #expect(work.realm == "example.test")
        #expect(work.registerExpires == 600)
        let home = try #require(config.account(named: "home"))
        #expect(home.addressOfRecord.isSecure && home.transport == .tls && home.registrar == nil && home.registerExpires == 3600)

        #expect(config.defaultAccountID == "work" && config.defaultAccount?.id == "work")
        #expect(config.theme == "light")
        #expect(config.redirectPolicy == .ask)
        #expect(config.redirectLimit == 7)
        #expect(config.authAttempts == 2)
        #expect(config.autoAnswer)
        #expect(config.bind == DialtoneBindAddress(host: "192.0.2.7", port: 5062))
        #expect(config.credentialStorePath == "/home/ada/.config/dialtone/credentials.toml", "relative to the config's directory")
        #expect(config.keyBindings == ["hang_up": ["h", "ctrl-d"], "quit": ["q"]])
        #expect(config.sourcePath == Self.path)
    }

    @Test func anEmptyFileGivesTheDefaults() throws {
        let config = try DialtoneConfiguration.parse("# nothing yet\n", path: Self.path, home: Self.home)
        #expect(config.accounts.isEmpty && config.defaultAccount == nil)
        #expect(config.redirectPolicy == .follow && config.redirectLimit == 5 && config.authAttempts == 3)
        #expect(!config.autoAnswer && config.bind == nil && config.credentialStorePath == nil && config.theme == nil)
        #expect(config.keyBindings.isEmpty)
    }

    @Test func aMissingFileGivesTheDefaults() throws {
        let config = try DialtoneConfiguration.load(path: "/nonexistent-\(UInt64.random(in: 0...UInt64.max))/config.toml",
                                                    environment: ["HOME": Self.home])
        #expect(config == DialtoneConfiguration())
    }

    @Test func theDefaultAccountIsTheFirstWhenNoneIsNamed() throws {
        let config = try DialtoneConfiguration.parse("""
            [accounts.b]
            aor = "sip:b@example.test"
            [accounts.a]
            aor = "sip:a@example.test"
            """, path: Self.path)
        #expect(config.defaultAccount?.id == "b")
    }

    @Test func thePathFollowsXDG() {
        #expect(DialtoneConfiguration.defaultPath(environment: ["XDG_CONFIG_HOME": "/xdg", "HOME": "/home/ada"])
            == "/xdg/dialtone/config.toml")
        #expect(DialtoneConfiguration.defaultPath(environment: ["HOME": "/home/ada"]) == "/home/ada/.config/dialtone/config.toml")
        // The XDG spec: a relative value is invalid and ignored.
        #expect(DialtoneConfiguration.defaultPath(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/home/ada"])
            == "/home/ada/.config/dialtone/config.toml")
        #expect(DialtoneConfiguration.defaultPath(environment: ["XDG_CONFIG_HOME": "", "HOME": "/home/ada"])
            == "/home/ada/.config/dialtone/config.toml")
    }

    @Test func credentialStorePathsExpandTheHomeDirectory() throws {
        let config = try DialtoneConfiguration.parse("credential_store = \"~/secrets/dialtone.toml\"", path: Self.path, home: Self.home)
        #expect(config.credentialStorePath == "/home/ada/secrets/dialtone.toml")
        let absolute = try DialtoneConfiguration.parse("credential_store = \"/etc/x.toml\"", path: Self.path, home: Self.home)
        #expect(absolute.credentialStorePath == "/etc/x.toml")
    }

    @Test(arguments: [
        ("127.0.0.1", DialtoneBindAddress(host: "127.0.0.1")),
        ("127.0.0.1:0", DialtoneBindAddress(host: "127.0.0.1", port: 0)),
        ("[::1]:5062", DialtoneBindAddress(host: "::1", port: 5062)),
        ("::1", DialtoneBindAddress(host: "::1")),
        ("pbx.local:5060", DialtoneBindAddress(host: "pbx.local", port: 5060)),
    ])
    func bindAddresses(text: String, expected: DialtoneBindAddress) throws {
        let config = try DialtoneConfiguration.parse("bind = \"\(text)\"", path: Self.path)
        #expect(config.bind == expected)
    }

    @Test func knownActionsAreAccepted() throws {
        let config = try DialtoneConfiguration.parse("[keys]\nquit = [\"q\"]", path: Self.path, knownActions: ["quit", "answer"])
        #expect(config.keyBindings == ["quit": ["q"]])
    }
}
