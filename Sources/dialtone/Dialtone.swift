import ArgumentParser

/// The `dialtone` command: the softphone and its tools for reading SIP.
@main
struct Dialtone: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dialtone",
        abstract: "A terminal SIP softphone, and tools for reading SIP.",
        subcommands: [ExplainCommand.self]
    )
}
