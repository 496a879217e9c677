import ArgumentParser
import Foundation
import SIPCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `dialtone explain CODE [CODE ...]`: what a SIP response code means, when it shows up and
/// how to fix it, from the catalog in SIPCore. Two codes are compared side by side.
struct ExplainCommand: ParsableCommand {
    /// Exit status for a code that is not a number or is outside 100–699: a usage error,
    /// as for a shell builtin.
    static let usageErrorStatus: Int32 = 2

    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain SIP response codes; two codes are compared side by side.",
        discussion: """
            Give one or more codes from 100 to 699. A code that is not in the IANA registry \
            is explained by its class (4xx, 5xx, …) and marked as not registered. With \
            exactly two codes, the output puts them in two columns and lists their key \
            differences. The width follows $COLUMNS, or the terminal, or 80 columns.
            """
    )

    // `.allUnrecognized` keeps "-5" and the like here, so that they get the same clear
    // error and exit status as any other code out of range, not a generic option error.
    @Argument(parsing: .allUnrecognized, help: "Status codes, such as 302 401.")
    var codes: [String] = []

    @Flag(help: "Print the entries as a JSON array (code, reason, class, reference, registered, meaning, when, fix).")
    var json = false

    func run() throws {
        guard !codes.isEmpty else {
            Self.fail(["give at least one status code, such as: dialtone explain 302 401"])
        }
        var entries: [SIPStatusEntry] = []
        var problems: [String] = []
        for argument in codes {
            switch Self.entry(for: argument) {
            case .success(let entry):
                // The same code twice adds nothing; keep the first.
                if !entries.contains(where: { $0.code == entry.code }) { entries.append(entry) }
            case .failure(let problem):
                problems.append(problem.message)
            }
        }
        if !problems.isEmpty { Self.fail(problems) }

        if json {
            print(StatusExplanationRenderer.json(entries))
        } else {
            print(StatusExplanationRenderer(width: Self.terminalWidth()).render(entries))
        }
    }

    struct Problem: Error { var message: String }

    /// The catalog entry for one command-line argument, or why there is none.
    static func entry(for argument: String) -> Result<SIPStatusEntry, Problem> {
        let trimmed = argument.trimmingCharacters(in: .whitespaces)
        guard let code = Int(trimmed) else {
            return .failure(Problem(message: "'\(argument)' is not a status code: give a number from 100 to 699"))
        }
        guard let entry = SIPStatusCatalog.entry(for: code) else {
            return .failure(Problem(message: "\(code) is not a SIP status code: they run from 100 to 699"))
        }
        return .success(entry)
    }

    /// Prints each problem on standard error and exits with status 2.
    static func fail(_ problems: [String]) -> Never {
        var text = problems.map { "dialtone explain: \($0)\n" }.joined()
        text += "Usage: dialtone explain <code> ... [--json]  (see dialtone explain --help)\n"
        FileHandle.standardError.write(Data(text.utf8))
        Self.exit(withError: ExitCode(usageErrorStatus))
    }

    /// $COLUMNS if it holds a positive number, else the terminal's width, else 80.
    static func terminalWidth() -> Int {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"],
           let width = Int(columns.trimmingCharacters(in: .whitespaces)), width > 0 {
            return width
        }
        var size = winsize()
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        return 80
    }
}
