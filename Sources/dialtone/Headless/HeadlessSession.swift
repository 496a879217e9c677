#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import DialtoneConfig
import Media
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
    /// A line of standard input that is a call command (`dtmf 1#`, `hold`, `hangup`…).
    case command(HeadlessCallCommand)
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
    /// Every call's media: offers, answers, streams, hold, DTMF.
    let media: CallMediaController
    private let printing: Task<Void, Never>
    private let reading: Task<Void, Never>?
    private let signalSources: [any DispatchSourceSignal]

    private init(runner: SIPUserAgentRunner, formatter: HeadlessEventFormatter, user: String?, password: String?, account: SIPAccount?,
                 store: DialtoneCredentialStore?, mediaSettings: CallMediaController.Settings) {
        let memory = CredentialMemory(store: store) { HeadlessSession.printPromptNote("dialtone: \($0)") }
        self.memory = memory
        self.runner = runner
        self.formatter = formatter
        self.user = user
        self.password = password
        self.account = account
        let (inputs, feed) = AsyncStream<HeadlessInput>.makeStream()
        self.inputs = inputs
        self.feed = feed
        let media = CallMediaController(settings: mediaSettings, send: { runner.send($0) }) { event in
            if let line = formatter.line(for: event) { HeadlessSession.printLine(line) }
        }
        self.media = media
        printing = Task { [runner, formatter, memory] in
            for await event in runner.events {
                memory.note(event)
                if let line = formatter.line(for: event) { HeadlessSession.printLine(line) }
                // Media sees each event before the command does (a call's `rtp: ` line
                // comes before the command ends on its `ended`).
                await media.handle(event)
                feed.yield(.event(event))
            }
            await media.closeAll()
            feed.yield(.finished)
        }
        if let lines = prompter.lines {
            reading = Task {
                for await command in lines.commands { feed.yield(.command(command)) }
            }
            Task {
                for await problem in lines.problems { HeadlessSession.printPromptNote("dialtone: \(problem)") }
            }
        } else {
            reading = nil
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
    static func start(options: AccountOptions, media mediaOptions: MediaOptions, configuration config: DialtoneConfiguration,
                      account: SIPAccount?, peerHost: String, autoAnswer: Bool = false) async throws -> HeadlessSession {
        var password: String?
        if let file = options.passwordFile {
            password = try readPasswordFile(file)
        } else if let fromEnvironment = getenv("DIALTONE_PASSWORD") {
            password = String(cString: fromEnvironment)
        }
        var store: DialtoneCredentialStore?
        if let path = config.credentialStorePath {
            do {
                store = try DialtoneCredentialStore.load(path: path)
            } catch {
                printPromptNote("dialtone: not using the credential store: \(error)")
            }
        }
        let placement = try UserAgentStart.placement(flags: options.flags, configuration: config, peerHost: peerHost)
        let tls = (account?.transport ?? (try? options.flags.parsedTransport())) == .tls
        let mediaSettings = try mediaOptions.settings(placement: placement, configuration: config, signallingTLS: tls, autoAnswer: autoAnswer)
        let runner = try await UserAgentStart.runner(flags: options.flags, configuration: config, accounts: account.map { [$0] } ?? [],
                                                     placement: placement)
        return HeadlessSession(runner: runner, formatter: HeadlessEventFormatter(json: options.json, trace: options.trace),
                               user: options.flags.user, password: password, account: account, store: store, mediaSettings: mediaSettings)
    }

    /// `start`, or the reason on standard error and exit status 1.
    static func startOrExit(options: AccountOptions, media: MediaOptions, configuration: DialtoneConfiguration, account: SIPAccount?,
                            peerHost: String, autoAnswer: Bool = false) async throws -> HeadlessSession {
        do {
            return try await start(options: options, media: media, configuration: configuration, account: account, peerHost: peerHost,
                                   autoAnswer: autoAnswer)
        } catch {
            printPromptNote("dialtone: \(error)")
            throw ExitCode(HeadlessExitStatus.otherError)
        }
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

    /// Carries out a command read from standard input on the call.
    func perform(_ command: HeadlessCallCommand, on handle: SIPCallHandle) async {
        switch command {
        case let .dtmf(digits): await media.sendDigits(handle, digits)
        case .hold: await media.hold(handle)
        case .resume: await media.resume(handle)
        case .mute: await media.setMuted(handle, true)
        case .unmute: await media.setMuted(handle, false)
        case .hangup: send(.hangUp(handle))
        }
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
        await media.closeAll()
        await runner.shutdown()
        await printing.value
        reading?.cancel()
        for source in signalSources { source.cancel() }
    }
}

/// A headless command could not start or run: the message says why (exit status 1).
struct HeadlessFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
