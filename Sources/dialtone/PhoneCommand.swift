#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import CursesTerminal
import DialtoneConfig
import DialtoneDemo
import Dispatch
import SIPCore
import SIPNIO
import SIPUserAgent
import TerminalUI

/// `dialtone` with no command: the softphone screen. With no account configured (and no
/// --aor) it is the demo: the built-in peer on 127.0.0.1, its numbers on screen, and a
/// demo account registered with it.
struct PhoneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phone",
        abstract: "The softphone screen (what `dialtone` with no command starts).",
        discussion: """
        Every account of the config that has a registrar is registered; the status bar \
        shows each. --aor or --account uses one account (flags override its keys). With \
        no account at all, --demo is the default: the built-in demo peer starts on \
        127.0.0.1, a demo account registers with it, and bare numbers dial it — 100 \
        answers, 302 redirects to 100, 401 asks for demo / demo, 303 does both, 486 is busy.
        """
    )

    @OptionGroup var flags: AccountFlags

    @OptionGroup var mediaOptions: MediaOptions

    @Flag(help: "Start the built-in demo peer on 127.0.0.1, register a demo account with it and dial its numbers (the default with no account).")
    var demo = false

    @Option(help: ArgumentHelp("Colour theme: dark, light, high-contrast, or a file name in a theme directory (default: the config's `theme`, else dark).",
                               valueName: "NAME"))
    var theme: String?

    func run() async throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            ScreenWiring.say("dialtone: the screen needs a terminal; for a call without one use `dialtone call URI --no-tui`")
            throw ExitCode(HeadlessExitStatus.otherError)
        }
        let configuration = try flags.loadConfigurationOrExit()
        let useDemo = demo || (configuration.accounts.isEmpty && flags.aor == nil && flags.accountName == nil)
        var problems: [String] = []

        var demoPeer: DemoPeer?
        var accounts: [SIPAccount]
        var current = 0
        if useDemo {
            do {
                demoPeer = try await DemoPeer.start()
            } catch {
                ScreenWiring.say("dialtone: the demo peer cannot start: \(error)")
                throw ExitCode(HeadlessExitStatus.otherError)
            }
            accounts = [Self.demoAccount(demoPeer!)]
        } else if flags.aor != nil || flags.accountName != nil {
            guard let one = try flags.account(from: configuration) else { throw ValidationError("--aor or --account names no account") }
            accounts = [one]
        } else {
            // Every account of the config; the default one (with the flags applied) in focus.
            let chosen = try flags.account(from: configuration)
            accounts = configuration.accounts.map { $0.id == chosen?.id ? chosen! : $0 }
            current = accounts.firstIndex { $0.id == chosen?.id } ?? 0
        }
        let focus = accounts.indices.contains(current) ? accounts[current] : nil
        let peerHost = demoPeer?.host ?? focus.map { $0.outboundProxy?.host ?? $0.registrar?.host ?? $0.addressOfRecord.host } ?? "127.0.0.1"

        var store: DialtoneCredentialStore?
        if let path = configuration.credentialStorePath {
            do { store = try DialtoneCredentialStore.load(path: path) } catch { problems.append("not using the credential store: \(error)") }
        }
        let inbox = AppInbox()
        let memory = CredentialMemory(store: store) { inbox.push(input: .notice($0, isError: true)) }
        let runner: SIPUserAgentRunner
        let placement: LocalPlacement
        let mediaSettings: CallMediaController.Settings
        do {
            // The demo talks to 127.0.0.1 only: listen there, not on every interface.
            placement = try UserAgentStart.placement(flags: flags, configuration: configuration, peerHost: peerHost,
                                                     defaultBind: demoPeer == nil ? nil : .ipv4("127.0.0.1", 0))
            mediaSettings = try mediaOptions.settings(placement: placement, configuration: configuration,
                                                      signallingTLS: (focus?.transport ?? (try? flags.parsedTransport())) == .tls, autoAnswer: false)
            runner = try await UserAgentStart.runner(flags: flags, configuration: configuration, accounts: accounts, placement: placement)
        } catch {
            ScreenWiring.say("dialtone: \(error)")
            await demoPeer?.shutdown()
            throw ExitCode(HeadlessExitStatus.otherError)
        }
        let history = DialHistoryFile.standard()
        let wiring = ScreenWiring(runner: runner, inbox: inbox, memory: memory, demoAccount: demoPeer == nil ? nil : accounts.first?.id,
                                  history: history, mediaSettings: mediaSettings)
        let pump = Task { await wiring.pumpEvents() }

        let environment = ProcessContext.environment()
        let library = ThemeLibrary.standard(environment: environment, executablePath: ProcessContext.executablePath())
        let (chosenTheme, themeProblem) = library.loadOrDefault(theme ?? configuration.theme ?? "dark")
        if let themeProblem { problems.append("theme: \(themeProblem) — using the built-in dark theme") }
        var keyMap = KeyMap.standard
        do {
            keyMap = try KeyMap(rebinding: configuration.keyBindings)
        } catch {
            problems.append("\(configuration.sourcePath.map { "\($0): " } ?? "")\(error) — using the default keys")
        }

        var state = AppState(accounts: accounts, clock: CursesApp.now(), keyMap: keyMap)
        state.currentAccount = current
        state.localAddress = Self.shownAddress(runner.listening, peerHost: peerHost)
        state.contacts = configuration.contacts
        switch history.load() {
        case let .success(entries): state.history = entries
        case let .failure(error): problems.append("\(error) — starting with an empty history")
        }
        if let demoPeer {
            state.intro = Self.demoIntro(demoPeer)
            state.dialHint = "demo: 100 answers · 302 redirects · 401 asks demo/demo · 303 both · 486 busy"
        }
        // The contacts before the demo's closing "? lists every key" line.
        state.intro.insert(contentsOf: Self.contactsIntro(configuration.contacts),
                           at: demoPeer == nil ? state.intro.count : max(0, state.intro.count - 1))
        if !problems.isEmpty { state.message = (problems.joined(separator: " · "), true) }

        for account in accounts where account.registrar != nil {
            runner.send(.register(account: account.id))
        }

        let initial = state
        let theme = chosenTheme
        // The screen blocks its thread in poll(): give it one of its own, not a task's.
        _ = await withCheckedContinuation { (continuation: CheckedContinuation<AppState, Never>) in
            DispatchQueue(label: "dialtone.screen").async {
                let final = CursesApp.run(state: initial, theme: theme, inbox: inbox, environment: environment) { effect in
                    wiring.perform(effect)
                }
                continuation.resume(returning: final)
            }
        }
        // The quit sent its hang-ups and un-REGISTERs just before: let them finish.
        await wiring.finish()
        await pump.value
        await demoPeer?.shutdown()
    }

    /// The demo account: `sip:demo@<peer>`, registered at the peer, so bare numbers dial it.
    static func demoAccount(_ peer: DemoPeer) -> SIPAccount {
        let host = peer.host.contains(":") ? "[\(peer.host)]" : peer.host
        // The peer's own address: these parse.
        let aor = try! SIPURI(parsing: "sip:\(DemoPeer.username)@\(host):\(peer.port)")
        let registrar = try! SIPURI(parsing: "sip:\(host):\(peer.port)")
        return SIPAccount(id: "demo", addressOfRecord: aor, displayName: "Dialtone demo", registrar: registrar,
                          authUsername: DemoPeer.username, registerExpires: 600)
    }

    /// What the empty call panel and the help screen say in demo mode.
    static func demoIntro(_ peer: DemoPeer) -> [String] {
        // The credentials first: a short terminal shows only the first lines.
        var lines = ["Demo peer on \(peer.address) — no account needed; when asked: username \(DemoPeer.username), password \(DemoPeer.password).",
                     "Type a number and press Enter:"]
        for number in DemoPeer.numbers {
            lines.append("  \(number.user)  \(number.description)")
        }
        lines.append("? lists every key · q quits")
        return lines
    }

    /// The contacts, for the empty call panel and the help: what each name dials.
    static func contactsIntro(_ contacts: [SIPDialContact]) -> [String] {
        guard !contacts.isEmpty else { return [] }
        let width = contacts.map(\.name.count).max() ?? 0
        return ["Contacts (type a name, or its start and Tab):"]
            + contacts.map { "  " + $0.name + String(repeating: " ", count: width - $0.name.count) + "  " + $0.target }
    }

    /// Our address for the status bar: the bound one, or the one peers see when bound to
    /// the wildcard address.
    static func shownAddress(_ listening: [(SIPTransport, SIPAddress)], peerHost: String) -> String? {
        guard let address = listening.first?.1 else { return nil }
        guard address.isWildcard else { return address.description }
        let host = SIPUserAgentRunner.localHost(toward: UserAgentStart.hostOnly(peerHost)) ?? "127.0.0.1"
        return SIPAddress(host: host, port: address.port).description
    }
}
