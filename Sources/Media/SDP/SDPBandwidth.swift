/// A `b=` line (RFC 8866 §5.8): a bandwidth limit the peer announces.
public struct SDPBandwidth: Sendable, Equatable {
    /// `AS`, `CT`, `TIAS` (RFC 3890), `RS`/`RR` (RFC 3556) or an `X-` extension.
    public var type: String
    /// kbit/s for `AS` and `CT`, bit/s for `TIAS`.
    public var value: UInt64

    public init(type: String, value: UInt64) {
        self.type = type
        self.value = value
    }

    var sdpValue: String { "\(type):\(value)" }

    static func parse(_ value: Substring) -> Result<SDPBandwidth, SDPFieldProblem> {
        guard let colon = value.firstIndex(of: ":") else {
            return .failure(SDPFieldProblem("b= needs \"<bwtype>:<bandwidth>\", got \"\(value)\""))
        }
        let type = value[..<colon]
        let number = SDPText.trimmed(value[value.index(after: colon)...])
        guard !type.isEmpty, !type.contains(" ") else {
            return .failure(SDPFieldProblem("b= has no bandwidth type before \":\""))
        }
        guard let amount = SDPText.decimal(number) else {
            return .failure(SDPFieldProblem("b= bandwidth \"\(number)\" is not a decimal number"))
        }
        return .success(SDPBandwidth(type: String(type), value: amount))
    }
}
