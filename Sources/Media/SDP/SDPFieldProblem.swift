/// What is wrong with one field; the parser adds the line number and turns it into an
/// `SDPParseError`.
struct SDPFieldProblem: Error, Sendable, Equatable {
    let reason: String

    init(_ reason: String) {
        self.reason = reason
    }
}
