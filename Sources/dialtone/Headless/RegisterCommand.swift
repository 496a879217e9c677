import ArgumentParser
import SIPCore
import SIPUserAgent

/// `dialtone register --no-tui`: registers, stays registered (refreshing) until
/// --duration or Ctrl-C, then unregisters.
struct RegisterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Register an account and keep the registration fresh until stopped.",
        discussion: """
        Exit status: 0 registered (and unregistered at the end); 1 another error; 2 usage; \
        3 the registrar did not answer; 4 refused; 5 authentication failed.
        """
    )

    @OptionGroup var account: AccountOptions

    @Flag(name: .customLong("no-tui"), help: "Print events as lines instead of starting the screen.")
    var noTUI = false

    @Option(help: ArgumentHelp("Stay registered this long, then unregister.", valueName: "SECONDS"))
    var duration: Double?

    @Option(help: ArgumentHelp("Registration lifetime to ask for.", valueName: "SECONDS"))
    var expires: Int = 3600

    func validate() throws {
        try NumericFlag.check(duration, "--duration", in: NumericFlag.durationRange)
        try NumericFlag.check(expires, "--expires", in: NumericFlag.expiresRange)
    }

    func run() async throws {
        guard noTUI else { throw ValidationError("the interactive screen for `register` is not available yet: add --no-tui") }
        let configuration = try account.flags.loadConfigurationOrExit()
        guard var accountValue = try account.flags.account(from: configuration) else { throw ValidationError("register needs --aor (and --registrar)") }
        guard let registrar = accountValue.registrar else { throw ValidationError("register needs --registrar sip:host[:port]") }
        guard expires > 0 else { throw ValidationError("--expires must be more than 0") }
        accountValue.registerExpires = expires
        let session = try await HeadlessSession.startOrExit(options: account, media: try MediaOptions.parse([]), configuration: configuration, account: accountValue,
                                                      peerHost: accountValue.outboundProxy?.host ?? registrar.host)
        session.send(.register(account: accountValue.id))
        session.startDeadline(seconds: duration)
        var everRegistered = false
        var failure: (code: Int, reason: String)?
        var stopping = false
        var authFailed = false
        loop: for await input in session.inputs {
            switch input {
            case let .event(event):
                switch event {
                case let .registration(_, state):
                    switch state {
                    case .registered: everRegistered = true; failure = nil
                    case let .failed(code, reason, _):
                        failure = (code, reason)
                        if !everRegistered || stopping { break loop }
                    case .unregistered where stopping: break loop
                    default: break
                    }
                case let .credentialsNeeded(question): session.answer(question)
                case .authenticationFailed: authFailed = true
                default: break
                }
            case .signal, .deadline:
                if stopping { break loop }
                stopping = true
                if everRegistered { session.send(.unregister(account: accountValue.id)) } else { break loop }
            case let .credentials(question, answer):
                session.send(.credentials(question: question, answer))
            case .command:
                break   // no call to act on
            case .finished:
                break loop
            }
        }
        await session.finish()
        if everRegistered { return }
        guard let failure else { throw ExitCode(HeadlessExitStatus.cancelled) }
        switch failure.code {
        case 408, 503 where !authFailed: throw ExitCode(HeadlessExitStatus.unreachable)
        case 401, 407: throw ExitCode(HeadlessExitStatus.authenticationFailed)
        default: throw ExitCode(authFailed ? HeadlessExitStatus.authenticationFailed : HeadlessExitStatus.rejected)
        }
    }
}
