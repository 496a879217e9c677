import Testing

@testable import DialtoneConfig

/// Every kind of mistake is an error naming the file, the line and the key, and saying
/// what would be right; none is silent.
@Suite("config.toml: errors name the file, line and key")
struct ConfigErrorTests {
    static let home = "/home/ada"
    static let path = "/home/ada/.config/dialtone/config.toml"

    /// The problems `text` has, as printed.
    func problems(_ text: String, knownActions: Set<String>? = nil) -> [String] {
        do {
            _ = try DialtoneConfiguration.parse(text, path: Self.path, home: Self.home, knownActions: knownActions)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    func problem(_ text: String, knownActions: Set<String>? = nil) throws -> String {
        let all = problems(text, knownActions: knownActions)
        #expect(all.count == 1, "\(all)")
        return try #require(all.first)
    }

    @Test func aBadTransportNamesFileLineAndKey() throws {
        let text = """
            theme = "dark"

            [accounts.work]
            aor = "sip:alice@example.test"
            registrar = "sip:example.test"
            user = "alice"
            transport = "sctp"
            """
        #expect(try problem(text) == #"~/.config/dialtone/config.toml:7: accounts.work.transport: "sctp" is not one of udp, tcp, tls"#)
    }

    @Test func aSyntaxErrorHasLineAndColumn() throws {
        let text = "theme = \"dark\"\nredirect = follow\n"
        let message = try problem(text)
        #expect(message.hasPrefix("~/.config/dialtone/config.toml:2:"), "\(message)")
        #expect(message.contains("TOML syntax error"))
        let error = try #require(catchError(text))
        #expect(error.problems[0].line == 2 && error.problems[0].column != nil)
    }

    func catchError(_ text: String) -> DialtoneConfigError? {
        do {
            _ = try DialtoneConfiguration.parse(text, path: Self.path, home: Self.home)
            return nil
        } catch {
            return error
        }
    }

    @Test func aDuplicateKeyIsASyntaxError() throws {
        let message = try problem("theme = \"a\"\ntheme = \"b\"\n")
        #expect(message.hasPrefix("~/.config/dialtone/config.toml:2:"), "\(message)")
    }

    @Test func anUnknownTopLevelKeySuggestsTheNearOne() throws {
        let message = try problem("theme = \"dark\"\nredirct = \"never\"\n")
        #expect(message.hasPrefix("~/.config/dialtone/config.toml:2: redirct: unknown key (did you mean redirect?);"), "\(message)")
        #expect(message.contains("redirect_limit"))
    }

    @Test func anUnknownAccountKey() throws {
        let message = try problem("[accounts.work]\naor = \"sip:a@example.test\"\ntrasport = \"tcp\"\n")
        #expect(message.hasPrefix("~/.config/dialtone/config.toml:3: accounts.work.trasport: unknown key (did you mean transport?)"), "\(message)")
    }

    @Test func anUnknownTable() throws {
        let message = try problem("[ui]\ntheme = \"dark\"\n")
        #expect(message.hasPrefix("~/.config/dialtone/config.toml:1: ui: unknown key"), "\(message)")
    }

    @Test func wrongTypes() throws {
        #expect(try problem("[accounts.w]\naor = \"sip:a@example.test\"\nexpires = \"600\"\n")
            == "~/.config/dialtone/config.toml:3: accounts.w.expires: expected an integer, found a string; write 600 without quotes")
        #expect(try problem("auto_answer = \"true\"")
            == "~/.config/dialtone/config.toml:1: auto_answer: expected true or false, found a string; write true without quotes")
        #expect(try problem("theme = 3") == "~/.config/dialtone/config.toml:1: theme: expected a string, found an integer")
        #expect(try problem("accounts = 5").hasPrefix("~/.config/dialtone/config.toml:1: accounts: expected a table, found an integer"))
        #expect(try problem("[accounts]\nwork = \"sip:a@example.test\"\n")
            .hasPrefix("~/.config/dialtone/config.toml:2: accounts.work: expected a table, found a string"))
    }

    @Test func numbersOutOfRange() throws {
        #expect(try problem("redirect_limit = 0")
            == "~/.config/dialtone/config.toml:1: redirect_limit: 0 is out of range; it must be from 1 to 20")
        #expect(try problem("\n\nauth_attempts = 99")
            == "~/.config/dialtone/config.toml:3: auth_attempts: 99 is out of range; it must be from 1 to 10")
        #expect(try problem("[accounts.w]\naor = \"sip:a@example.test\"\nexpires = 0\n")
            .hasPrefix("~/.config/dialtone/config.toml:3: accounts.w.expires: 0 is out of range"))
    }

    @Test func badChoices() throws {
        #expect(try problem("redirect = \"maybe\"")
            == #"~/.config/dialtone/config.toml:1: redirect: "maybe" is not one of follow, ask, never"#)
    }

    @Test func badURIs() throws {
        let notSIP = try problem("[accounts.w]\naor = \"alice@example.test\"\n")
        #expect(notSIP.hasPrefix(#"~/.config/dialtone/config.toml:2: accounts.w.aor: "alice@example.test" is not a SIP URI (a sip: or sips: URI"#), "\(notSIP)")
        let noUser = try problem("[accounts.w]\naor = \"sip:example.test\"\n")
        #expect(noUser.hasPrefix("~/.config/dialtone/config.toml:2: accounts.w.aor: \"sip:example.test\" has no user part"), "\(noUser)")
        let registrar = try problem("[accounts.w]\naor = \"sip:a@example.test\"\nregistrar = \"sip:reg@example.test\"\n")
        #expect(registrar.hasPrefix("~/.config/dialtone/config.toml:3: accounts.w.registrar: \"sip:reg@example.test\" has a user part"), "\(registrar)")
        let proxy = try problem("[accounts.w]\naor = \"sip:a@example.test\"\nproxy = \"sip:\"\n")
        #expect(proxy.hasPrefix("~/.config/dialtone/config.toml:3: accounts.w.proxy: \"sip:\" is not a SIP URI"), "\(proxy)")
    }

    @Test func aMissingAORIsReportedAtTheTable() throws {
        #expect(try problem("theme = \"x\"\n\n[accounts.w]\ntransport = \"udp\"\n")
            == #"~/.config/dialtone/config.toml:3: accounts.w: missing aor, the account's address (e.g. aor = "sip:alice@example.test")"#)
    }

    @Test func aDefaultAccountThatDoesNotExist() throws {
        #expect(try problem("default_account = \"home\"\n[accounts.work]\naor = \"sip:a@example.test\"\n")
            == #"~/.config/dialtone/config.toml:1: default_account: "home" names no account; the accounts are: work"#)
    }

    @Test func aBadBindAddress() throws {
        #expect(try problem("bind = \"127.0.0.1:99999\"")
            == #"~/.config/dialtone/config.toml:1: bind: "127.0.0.1:99999" is not ADDR[:PORT] (e.g. "127.0.0.1:5062"): the port "99999" is not a number from 0 to 65535"#)
        #expect(try problem("bind = \"[::1\"").contains("is never closed"))
    }

    @Test func emptyStrings() throws {
        #expect(try problem("theme = \"\"") == "~/.config/dialtone/config.toml:1: theme: is empty; leave the key out instead")
    }

    @Test func badKeyBindings() throws {
        #expect(try problem("[keys]\nquit = 5\n")
            == "~/.config/dialtone/config.toml:2: keys.quit: expected a list of keys (e.g. [\"q\", \"ctrl-c\"]), found an integer")
        #expect(try problem("[keys]\nquit = [\"q\", 5]\n")
            == "~/.config/dialtone/config.toml:2: keys.quit: expected a list of strings, found an integer in it")
        let unknown = try problem("[keys]\nqiut = [\"q\"]\n", knownActions: ["quit", "answer"])
        #expect(unknown == "~/.config/dialtone/config.toml:2: keys.qiut: unknown action (did you mean quit?); the actions are: answer, quit")
        #expect(try problem("keys = [\"q\"]").hasPrefix("~/.config/dialtone/config.toml:1: keys: expected a table, found an array"))
    }

    @Test func everyProblemIsReportedInLineOrder() {
        let all = problems("""
            [accounts.b]
            aor = "sip:b@example.test"
            transport = "sctp"
            [accounts.a]
            aor = "nope"
            [keys]
            quit = 1
            """)
        #expect(all.count == 3, "\(all)")
        #expect(all.map { $0.split(separator: ":")[1] } == ["3", "5", "7"], "\(all)")
    }

    @Test func quotedAndInlineKeysAreFound() throws {
        let quoted = try problem("""
            [accounts."my work"]
            aor = "sip:a@example.test"
            transport = "sctp"
            """)
        #expect(quoted.hasPrefix(#"~/.config/dialtone/config.toml:3: accounts."my work".transport:"#), "\(quoted)")
        let inline = try problem("""
            theme = "dark"

            accounts.home = { aor = "sip:a@example.test", transport = "carrier-pigeon" }
            """)
        #expect(inline.hasPrefix("~/.config/dialtone/config.toml:3: accounts.home.transport:"), "\(inline)")
        let dotted = try problem("accounts.w.aor = \"sip:a@example.test\"\n\naccounts.w.expires = -1\n")
        #expect(dotted.hasPrefix("~/.config/dialtone/config.toml:3: accounts.w.expires:"), "\(dotted)")
    }

    @Test func multiLineValuesDoNotShiftTheLines() throws {
        let message = try problem("""
            theme = \"\"\"
            dark
            [accounts.fake]
            \"\"\"
            [keys]
            quit = [
              "q",   # the usual
              "ctrl-q",
            ]
            answer = '''
            a'''
            hang_up = 5
            """)
        #expect(message.hasPrefix("~/.config/dialtone/config.toml:12: keys.hang_up:"), "\(message)")
    }

    @Test func anUnreadableFileIsAnError() throws {
        do {
            _ = try DialtoneConfiguration.load(path: "/", environment: ["HOME": Self.home])
            Issue.record("a directory was read as a config")
        } catch {
            #expect(error.description == "/: cannot be read: not a regular file")
        }
    }
}
