/// Why a config (or credential store) file could not be used: every problem found, in
/// line order, so a user fixes them all in one pass instead of one per run.
public struct DialtoneConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// At least one.
    public var problems: [DialtoneConfigProblem]

    public init(problems: [DialtoneConfigProblem]) {
        self.problems = problems
    }

    public init(_ problem: DialtoneConfigProblem) {
        self.problems = [problem]
    }

    /// One problem per line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
