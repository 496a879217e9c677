import ArgumentParser

/// The `dialtone` command: the softphone and its tools for reading SIP.
@main
struct Dialtone: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dialtone",
        abstract: "A terminal SIP softphone, and tools for reading SIP.",
        subcommands: [PhoneCommand.self, CallCommand.self, RegisterCommand.self, AnswerCommand.self, ParseCommand.self, ExplainCommand.self, UIPreviewCommand.self],
        defaultSubcommand: PhoneCommand.self
    )

    /// Usage errors exit with status 2 (ArgumentParser's default is 64), as the
    /// commands document: 0 success, 1 a negative answer, 2 a usage error.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                printError(fullMessage(for: error))
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}
