/// A `t=` line (RFC 8866 §5.9). SIP sessions are always `t=0 0` (unbounded).
public struct SDPTiming: Sendable, Equatable {
    /// NTP seconds, 0 for "now".
    public var start: UInt64
    /// NTP seconds, 0 for "no end".
    public var stop: UInt64

    public init(start: UInt64 = 0, stop: UInt64 = 0) {
        self.start = start
        self.stop = stop
    }

    var sdpValue: String { "\(start) \(stop)" }

    static func parse(_ value: Substring) -> Result<SDPTiming, SDPFieldProblem> {
        let fields = SDPText.fields(value)
        guard fields.count == 2 else {
            return .failure(SDPFieldProblem("t= needs 2 fields \"<start> <stop>\", got \(fields.count)"))
        }
        guard let start = SDPText.decimal(fields[0]), let stop = SDPText.decimal(fields[1]) else {
            return .failure(SDPFieldProblem("t= times must be decimal numbers, got \"\(value)\""))
        }
        return .success(SDPTiming(start: start, stop: stop))
    }
}
