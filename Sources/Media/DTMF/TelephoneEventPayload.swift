/// The four-byte RTP payload of an RFC 4733 telephone-event (§2.3):
///
///     event (8) | E (1) | R (1) | volume (6) | duration (16, network order)
///
/// Read and written over raw pointers so the audio thread can use it without allocating.
public struct TelephoneEventPayload: Sendable, Equatable {
    /// Bytes one event takes.
    public static let size = 4

    /// Event code: 0–15 are the DTMF keys (`DTMFDigit`).
    public var event: UInt8
    /// The E bit: the event has ended and `duration` is final.
    public var isEnd: Bool
    /// Power level in −dBm0, 0–63 (larger is quieter).
    public var volume: UInt8
    /// Length of the event so far, in units of the event's RTP clock, from its timestamp.
    public var duration: UInt16

    public init(event: UInt8, isEnd: Bool, volume: UInt8, duration: UInt16) {
        self.event = event
        self.isEnd = isEnd
        self.volume = volume
        self.duration = duration
    }

    /// Reads the first event of a payload; nil when it is shorter than four bytes. The R bit
    /// is ignored, as §2.3 requires of receivers.
    public init?(parsing bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= Self.size else { return nil }
        event = bytes[0]
        isEnd = bytes[1] & 0x80 != 0
        volume = bytes[1] & 0x3F
        duration = UInt16(bytes[2]) << 8 | UInt16(bytes[3])
    }

    /// Writes the four bytes (R bit zero, volume masked to six bits); nil when `bytes` is too small.
    @discardableResult
    public func write(to bytes: UnsafeMutableRawBufferPointer) -> Int? {
        guard bytes.count >= Self.size else { return nil }
        bytes[0] = event
        bytes[1] = (isEnd ? 0x80 : 0) | (volume & 0x3F)
        bytes[2] = UInt8(duration >> 8)
        bytes[3] = UInt8(duration & 0xFF)
        return Self.size
    }

    /// The DTMF key this event is, if it is one.
    public var digit: DTMFDigit? { DTMFDigit(event: event) }
}
