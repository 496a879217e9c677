import ArgumentParser

/// The flags of the headless commands (`call`, `register`, `answer`): the account flags
/// the screen shares, and how a headless run gets a password and prints.
struct AccountOptions: ParsableArguments {
    @OptionGroup var flags: AccountFlags

    @Option(help: ArgumentHelp("A file whose first line is the password (instead of a prompt).", valueName: "FILE"))
    var passwordFile: String?

    @Flag(help: "One JSON object per line instead of text.")
    var json = false

    @Flag(help: "Print every SIP message as sent and received.")
    var trace = false
}
