/// An `a=` line (RFC 8866 §5.13): a property (`a=sendonly`) or a value (`a=ptime:20`).
public struct SDPAttribute: Sendable, Equatable {
    public var name: String
    /// nil for a property attribute; "" for `a=name:` with nothing after the colon.
    public var value: String?

    public init(_ name: String, _ value: String? = nil) {
        self.name = name
        self.value = value
    }

    /// The text after `a=`.
    var sdpValue: String {
        if let value { return "\(name):\(value)" }
        return name
    }

    /// Splits at the first colon. Trailing blanks after a property name are tolerated.
    static func parse(_ text: Substring) -> Result<SDPAttribute, SDPFieldProblem> {
        let name: Substring
        let value: Substring?
        if let colon = text.firstIndex(of: ":") {
            name = text[..<colon]
            value = text[text.index(after: colon)...]
        } else {
            name = SDPText.trimmed(text)
            value = nil
        }
        guard !name.isEmpty else {
            return .failure(SDPFieldProblem("a= has no attribute name"))
        }
        return .success(SDPAttribute(String(name), value.map(String.init)))
    }
}
