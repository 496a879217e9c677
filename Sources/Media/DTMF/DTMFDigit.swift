/// A DTMF key, as RFC 4733 §3.2 numbers it: 0–9, * (10), # (11), A–D (12–15).
public enum DTMFDigit: UInt8, Sendable, CaseIterable, Hashable {
    case zero = 0, one, two, three, four, five, six, seven, eight, nine
    case star = 10, pound = 11
    case a = 12, b = 13, c = 14, d = 15

    /// The RFC 4733 event code carried in telephone-event packets.
    public var event: UInt8 { rawValue }

    /// The digit of an event code; nil for the non-DTMF events (16 and up).
    public init?(event: UInt8) {
        self.init(rawValue: event)
    }

    /// From a key the user typed: `0`–`9`, `*`, `#`, `A`–`D` (either case).
    public init?(character: Character) {
        guard let ascii = character.asciiValue else { return nil }
        switch ascii {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): self.init(rawValue: ascii - UInt8(ascii: "0"))
        case UInt8(ascii: "*"): self = .star
        case UInt8(ascii: "#"): self = .pound
        case UInt8(ascii: "A")...UInt8(ascii: "D"): self.init(rawValue: 12 + ascii - UInt8(ascii: "A"))
        case UInt8(ascii: "a")...UInt8(ascii: "d"): self.init(rawValue: 12 + ascii - UInt8(ascii: "a"))
        default: return nil
        }
    }

    /// The key's symbol, as it is shown and written in SIP INFO bodies.
    public var character: Character { Character(Unicode.Scalar(ascii)) }

    /// The key's symbol as one ASCII byte.
    public var ascii: UInt8 {
        switch self {
        case .star: UInt8(ascii: "*")
        case .pound: UInt8(ascii: "#")
        case .a, .b, .c, .d: UInt8(ascii: "A") + rawValue - 12
        default: UInt8(ascii: "0") + rawValue
        }
    }
}
