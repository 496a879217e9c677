/// `Warning: 370 devnull "Choose a bigger pipe"` — why a request was only partly served.
public struct SIPWarning: SIPHeaderValue, Hashable, CustomStringConvertible {
    public var code: Int
    public var agent: String
    public var text: String

    public init(code: Int, agent: String, text: String) {
        self.code = code
        self.agent = agent
        self.text = text
    }

    /// The code in three digits, as the grammar wants (a code read from "005" is 5).
    public var description: String {
        let digits = String(code)
        let code = String(repeating: "0", count: max(0, 3 - digits.count)) + digits
        return "\(code) \(agent) \"\(SIPParameters.escapeQuoted(text))\""
    }

    public static func parseElement(_ scanner: inout ByteScanner) throws(SIPSyntaxError) -> SIPWarning {
        let codeStart = scanner.position
        guard let digits = scanner.scanDigits(), digits.count == 3 else {
            throw scanner.error("a warning code is three digits", at: codeStart)
        }
        let code = Int(scanner.string(digits))!
        guard scanner.consume(.space) else { throw scanner.error("expected a space after the warning code") }
        let agentStart = scanner.position
        while let b = scanner.peek(), b != .space, b != .tab { scanner.advance() }
        guard scanner.position > agentStart else { throw scanner.error("expected the warn-agent (host or pseudonym)") }
        let agent = scanner.string(agentStart..<scanner.position)
        guard scanner.consume(.space) else { throw scanner.error("expected a space after the warn-agent") }
        let text = try scanner.scanQuotedString()
        return SIPWarning(code: code, agent: agent, text: text)
    }
}
