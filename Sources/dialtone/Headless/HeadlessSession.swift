#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import DialtoneConfig
import Dispatch
import NIOCore
import NIOPosix
import SIPCore
import SIPNIO
import SIPTransaction
import SIPUserAgent
import Synchronization

/// What a headless command reacts to, in one ordered stream.
enum HeadlessInput: Sendable {
    case event(SIPUserAgentEvent)
    /// Ctrl-C or SIGTERM.
    case signal(Int32)
    /// --duration ran out.
    case deadline
    /// A prompt was answered (nil: the person gave up).
    case credentials(question: Int, SIPCredentialsAnswer?)
    /// The events ended (the runner shut down).
    case finished
}

/// The part of `call`, `register` and `answer --no-tui` they share: the runner, the
/// printing of every event, signals, the deadline and credential prompts.
final class HeadlessSession {
    let runner: SIPUserAgentRunner
    let inputs: AsyncStream<HeadlessInput>
    let feed: AsyncStream<HeadlessInput>.Continuation
    let formatter: HeadlessEventFormatter
    let prompter = TerminalPrompter()
    let user: String?
    let password: String?
    let account: SIPAccount?
    /// The opt-in credential store (config `credential_store`), and what was typed at a
    /// prompt, written there once it has been accepted.
    let memory: CredentialMemory
    private let printing: Task<Void, Never>
    private let signalSources: [any DispatchSourceSignal]

    private init(runner: SIPUserAgentRunner, formatter: HeadlessEventFormatter, user: String?, password: String?, account: SIPAccount?,
                 store: DialtoneCredentialStore?) {
        let memory = CredentialMemory(store: store)
        self.memory = memory
        self.runner = runner
        self.formatter = formatter
        self.user = user
        self.password = password
        self.account = account
        let (inputs, feed) = AsyncStream<HeadlessInput>.makeStream()
        self.inputs = inputs
        self.feed = feed
        printing = Task { [runner, formatter, memory] in
            for await event in runner.events {
                memory.note(event)
                if let line = formatter.line(for: event) { HeadlessSession.printLine(line) }
                feed.yield(.event(event))
            }
            feed.yield(.finished)
        }
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { feed.yield(.signal(number)) }
            source.resume()
            sources.append(source)
        }
        signalSources = sources
    }

    /// Opens the sockets and starts the user agent for `account` (or the anonymous
    /// identity), reaching toward `peerHost` (what decides the address we advertise).
    static func start(options: AccountOptions, configuration config: DialtoneConfiguration, account: SIPAccount?, peerHost: String,
                      autoAnswer: Bool = false) async throws -> HeadlessSession {
        var password: String?
        if let file = options.passwordFile {
            password = try readPasswordFile(file)
        } else if let fromEnvironment = getenv("DIALTONE_PASSWORD") {
            password = String(cString: fromEnvironment)
        }
        let bind = try options.bindAddress(configured: config.bind)
        let policies = try options.policies(from: config)
        var store: DialtoneCredentialStore?
        if let path = config.credentialStorePath {
            do {
                store = try DialtoneCredentialStore.load(path: path)
            } catch {
                printPromptNote("dialtone: not using the credential store: \(error)")
            }
        }
        let transport = try options.parsedTransport()
        let advertised = bind.isWildcard ? (SIPUserAgentRunner.localHost(toward: Self.hostOnly(peerHost)) ?? "127.0.0.1") : nil
        let contactHost = (advertised.map { $0.contains(":") ? "[\($0)]" : $0 }) ?? bind.sipHost
        let t1 = Duration.milliseconds(max(1, options.t1))
        let timers = SIPTimerValues(t1: t1, t2: max(t1, .seconds(4)), t4: .seconds(5))
        var transports: [SIPTransport] = [.udp]
        switch transport {
        case .udp: break
        case .tcp: transports.append(.tcp)
        case .tls: transports.append(.tls)
        }
        let configuration = SIPUserAgentConfiguration(
            accounts: account.map { [$0] } ?? [],
            localIdentity: SIPURI(user: "dialtone", host: contactHost),
            redirectPolicy: policies.redirect,
            redirectLimit: policies.redirectLimit,
            authAttempts: policies.authAttempts,
            autoAnswer: autoAnswer || config.autoAnswer,
            timerValues: timers,
            userAgentName: "Dialtone/0.1",
            defaultSession: SessionOffer.make(host: contactHost, port: 40_000 + 2 * Int.random(in: 0..<5000),
                                              sessionID: UInt64.random(in: 1..<UInt64(Int64.max))))
        let runner: SIPUserAgentRunner
        do {
            runner = try await SIPUserAgentRunner.start(
                configuration: configuration,
                options: .init(bind: bind, transports: transports, advertisedHost: advertised, timerValues: timers))
        } catch {
            throw HeadlessFailure("cannot listen on \(bind): \(error)")
        }
        return HeadlessSession(runner: runner, formatter: HeadlessEventFormatter(json: options.json, trace: options.trace),
                               user: options.user, password: password, account: account, store: store)
    }

    /// `start`, or the reason on standard error and exit status 1.
    static func startOrExit(options: AccountOptions, configuration: DialtoneConfiguration, account: SIPAccount?, peerHost: String,
                            autoAnswer: Bool = false) async throws -> HeadlessSession {
        do {
            return try await start(options: options, configuration: configuration, account: account, peerHost: peerHost, autoAnswer: autoAnswer)
        } catch {
            printPromptNote("dialtone: \(error)")
            throw ExitCode(HeadlessExitStatus.otherError)
        }
    }

    static func hostOnly(_ host: String) -> String {
        host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
    }

    static func readPasswordFile(_ path: String) throws -> String {
        guard let file = fopen(path, "r") else {
            throw HeadlessFailure("--password-file \(path): cannot be read (\(String(cString: strerror(errno))))")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        while true {
            let c = fgetc(file)
            if c == EOF || c == 10 { break }
            bytes.append(UInt8(truncatingIfNeeded: c))
        }
        if bytes.last == 13 { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func printLine(_ line: String) {
        print(line)
        fflush(nil)
    }

    func send(_ command: SIPUserAgentCommand) {
        runner.send(command)
    }

    /// Ends the run with a `.deadline` input after `seconds`.
    func startDeadline(seconds: Double?) {
        guard let seconds else { return }
        let feed = self.feed
        Task {
            try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            feed.yield(.deadline)
        }
    }

    /// Answers a credentials question: --user / the account for the username, the
    /// password file or DIALTONE_PASSWORD the first time, otherwise prompts. The answer
    /// comes back as a `.credentials` input.
    func answer(_ question: SIPCredentialsQuestion) {
        let feed = self.feed
        let prompter = self.prompter
        let memory = self.memory
        if question.attempt == 1, let stored = memory.stored(realm: question.realm, host: question.host) {
            feed.yield(.credentials(question: question.id, SIPCredentialsAnswer(username: stored.username, password: stored.password)))
            return
        }
        let user = self.user ?? question.suggestedUsername
        let password = question.attempt == 1 ? self.password : nil
        Task {
            let place = "realm \"\(question.realm)\" at \(question.host)"
            if question.attempt > 1 {
                HeadlessSession.printPromptNote("\(place): the last password was rejected; try again (attempt \(question.attempt))")
            }
            var username = user
            if username == nil {
                guard prompter.canAsk, let typed = await prompter.ask("\(place) (\(question.code) to \(question.method)) Username:", secret: false) else {
                    feed.yield(.credentials(question: question.id, nil))
                    return
                }
                username = typed
            }
            var secret = password
            if secret == nil {
                guard prompter.canAsk, let typed = await prompter.ask("\(place) (\(question.code) to \(question.method)) user \(username ?? "") Password:", secret: true) else {
                    if !prompter.canAsk {
                        HeadlessSession.printPromptNote("no terminal to ask for the password of \(place): use --password-file or DIALTONE_PASSWORD")
                    }
                    feed.yield(.credentials(question: question.id, nil))
                    return
                }
                secret = typed
                memory.typed(DialtoneCredentialStore.Entry(realm: question.realm, host: question.host, username: username ?? "", password: typed))
            }
            feed.yield(.credentials(question: question.id, SIPCredentialsAnswer(username: username ?? "", password: secret ?? "")))
        }
    }

    static func printPromptNote(_ text: String) {
        let bytes = Array((text + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }

    /// Waits (bounded) for the BYE/CANCEL/un-REGISTER to finish, then closes everything
    /// and lets the printing finish.
    func finish(waitingUpTo limit: Duration = .seconds(5)) async {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while clock.now < deadline, !(await runner.isIdle()) {
            try? await Task.sleep(for: .milliseconds(20))
        }
        await runner.shutdown()
        await printing.value
        for source in signalSources { source.cancel() }
    }
}

/// A headless command could not start or run: the message says why (exit status 1).
struct HeadlessFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The opt-in credential store (config `credential_store`) and the passwords typed at
/// prompts, which are written there only once a call connected or a registration
/// succeeded with them, and dropped when they were refused.
final class CredentialMemory: Sendable {
    private let store: Mutex<DialtoneCredentialStore?>
    private let pending = Mutex<[DialtoneCredentialStore.Entry]>([])

    init(store: DialtoneCredentialStore?) {
        self.store = Mutex(store)
    }

    func stored(realm: String, host: String) -> DialtoneCredentialStore.Entry? {
        store.withLock { $0?.entry(realm: realm, host: host) }
    }

    func typed(_ entry: DialtoneCredentialStore.Entry) {
        guard store.withLock({ $0 != nil }) else { return }
        pending.withLock { $0.append(entry) }
    }

    func note(_ event: SIPUserAgentEvent) {
        switch event {
        case let .authenticationFailed(realm, host, _, _, _):
            pending.withLock { $0.removeAll { $0.realm == realm && $0.host == host } }
        case .callState(_, .connected), .registration(_, .registered):
            let accepted = pending.withLock { entries in
                defer { entries.removeAll() }
                return entries
            }
            guard !accepted.isEmpty else { return }
            store.withLock { store in
                guard var current = store else { return }
                for entry in accepted { current.remember(entry) }
                do {
                    try current.save()
                    store = current
                } catch {
                    HeadlessSession.printPromptNote("dialtone: could not write the credential store: \(error)")
                }
            }
        default:
            break
        }
    }
}
