import ArgumentParser
import SIPCore
import SIPUserAgent

/// `dialtone answer --no-tui`: waits for one call, answers it, and prints its events
/// until either side hangs up.
struct AnswerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "answer",
        abstract: "Wait for one incoming call and answer it.",
        discussion: """
        Listens on --bind (default: any address, any port; the address is printed), \
        registers first when --registrar is given, answers the first call, and hangs up \
        after --duration seconds or on Ctrl-C. Exit status: 0 a call was answered and \
        ended; 1 another error; 2 usage; 7 stopped before any call came.
        """
    )

    @OptionGroup var account: AccountOptions

    @OptionGroup var media: MediaOptions

    @Flag(name: .customLong("no-tui"), help: "Print events as lines instead of starting the screen.")
    var noTUI = false

    @Option(help: ArgumentHelp("Hang up this many seconds after answering (or stop waiting).", valueName: "SECONDS"))
    var duration: Double?

    @Option(help: ArgumentHelp("Registration lifetime to ask for, with --registrar.", valueName: "SECONDS"))
    var expires: Int = 3600

    func validate() throws {
        try NumericFlag.check(duration, "--duration", in: NumericFlag.durationRange)
        try NumericFlag.check(expires, "--expires", in: NumericFlag.expiresRange)
    }

    func run() async throws {
        guard noTUI else { throw ValidationError("the interactive screen for `answer` is not available yet: add --no-tui") }
        let configuration = try account.flags.loadConfigurationOrExit()
        var accountValue = try account.flags.account(from: configuration)
        accountValue?.registerExpires = expires
        let bindHost = try account.flags.bindAddress().host
        let peerHost = accountValue?.registrar?.host ?? bindHost
        let session = try await HeadlessSession.startOrExit(options: account, media: media, configuration: configuration, account: accountValue,
                                                            peerHost: peerHost, autoAnswer: true)
        for (transport, address) in session.runner.listening {
            HeadlessSession.printLine("listening on \(transport) \(address)")
        }
        if let accountValue, accountValue.registrar != nil { session.send(.register(account: accountValue.id)) }
        session.startDeadline(seconds: duration)
        var handle: SIPCallHandle?
        var end: SIPCallEnd?
        loop: for await input in session.inputs {
            switch input {
            case let .event(event):
                switch event {
                case let .callStarted(call, false, _, _) where handle == nil:
                    handle = call
                case let .callState(call, .ended(callEnd)) where call == handle:
                    end = callEnd
                    break loop
                case let .credentialsNeeded(question):
                    session.answer(question)
                default:
                    break
                }
            case .signal, .deadline:
                guard let handle else { break loop }
                session.send(.hangUp(handle))
            case let .credentials(question, answer):
                session.send(.credentials(question: question, answer))
            case let .command(command):
                if let handle { await session.perform(command, on: handle) }
            case .finished:
                break loop
            }
        }
        if let accountValue, accountValue.registrar != nil { session.send(.unregister(account: accountValue.id)) }
        await session.finish()
        guard let end else { throw ExitCode(HeadlessExitStatus.cancelled) }
        let status = HeadlessExitStatus.status(for: end)
        if status != 0 { throw ExitCode(status) }
    }
}
