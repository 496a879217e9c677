/// An `a=rtpmap` value (RFC 8866 §6.6): which encoding a payload type number carries. Codecs are
/// matched by encoding name and clock rate, never by number (RFC 3264 §6.1).
public struct SDPRTPMap: Sendable, Equatable {
    public var payloadType: UInt8
    /// Compared case-insensitively ("PCMU", "opus", "telephone-event").
    public var encodingName: String
    /// The RTP timestamp rate, which can differ from the sampling rate (G.722: 8000).
    public var clockRate: Int
    /// Audio channels; nil when the rtpmap does not say (meaning 1).
    public var channels: Int?

    public init(payloadType: UInt8, encodingName: String, clockRate: Int, channels: Int? = nil) {
        self.payloadType = payloadType
        self.encodingName = encodingName
        self.clockRate = clockRate
        self.channels = channels
    }

    /// The text after `a=rtpmap:`.
    public var sdpValue: String {
        var text = "\(payloadType) \(encodingName)/\(clockRate)"
        if let channels { text += "/\(channels)" }
        return text
    }

    /// Whether this is the RFC 4733 event payload.
    public var isTelephoneEvent: Bool { SDPText.equalsIgnoringCase(encodingName, "telephone-event") }

    static func parse(_ value: Substring) -> Result<SDPRTPMap, SDPFieldProblem> {
        let parts = SDPText.fields(value)
        guard parts.count == 2 else {
            return .failure(SDPFieldProblem(
                "a=rtpmap needs \"<payload type> <encoding name>/<clock rate>[/<channels>]\", got \"\(value)\""))
        }
        guard let payloadType = SDPText.integer(parts[0], in: 0...127) else {
            return .failure(SDPFieldProblem("a=rtpmap payload type \"\(parts[0])\" is not a number from 0 to 127"))
        }
        let encoding = parts[1].split(separator: "/", omittingEmptySubsequences: false)
        guard encoding.count == 2 || encoding.count == 3, !encoding[0].isEmpty else {
            return .failure(SDPFieldProblem("a=rtpmap encoding \"\(parts[1])\" is not \"<name>/<clock rate>[/<channels>]\""))
        }
        guard let rate = SDPText.integer(encoding[1], in: 1...10_000_000) else {
            return .failure(SDPFieldProblem("a=rtpmap clock rate \"\(encoding[1])\" is not a positive number"))
        }
        var channels: Int?
        if encoding.count == 3 {
            guard let count = SDPText.integer(encoding[2], in: 1...255) else {
                return .failure(SDPFieldProblem("a=rtpmap channel count \"\(encoding[2])\" is not a number from 1 to 255"))
            }
            channels = count
        }
        return .success(SDPRTPMap(
            payloadType: UInt8(payloadType), encodingName: String(encoding[0]), clockRate: rate, channels: channels))
    }

    /// The RFC 3551 §6 static audio assignments, which apply when no `a=rtpmap` is given.
    public static func staticAudio(payloadType: UInt8) -> SDPRTPMap? {
        let entry: (String, Int, Int?)? =
            switch payloadType {
            case 0: ("PCMU", 8000, nil)
            case 3: ("GSM", 8000, nil)
            case 4: ("G723", 8000, nil)
            case 5: ("DVI4", 8000, nil)
            case 6: ("DVI4", 16000, nil)
            case 7: ("LPC", 8000, nil)
            case 8: ("PCMA", 8000, nil)
            case 9: ("G722", 8000, nil)
            case 10: ("L16", 44100, 2)
            case 11: ("L16", 44100, nil)
            case 12: ("QCELP", 8000, nil)
            case 13: ("CN", 8000, nil)
            case 14: ("MPA", 90000, nil)
            case 15: ("G728", 8000, nil)
            case 16: ("DVI4", 11025, nil)
            case 17: ("DVI4", 22050, nil)
            case 18: ("G729", 8000, nil)
            default: nil
            }
        guard let entry else { return nil }
        return SDPRTPMap(payloadType: payloadType, encodingName: entry.0, clockRate: entry.1, channels: entry.2)
    }
}
