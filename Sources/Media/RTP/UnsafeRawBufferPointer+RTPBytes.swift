// Big-endian field access for RTP and RTCP. Every caller checks bounds first: the
// subscript of an unsafe buffer is not checked in release builds.

extension UnsafeRawBufferPointer {
    /// Reads a network-order UInt16; the caller has checked `offset + 2 <= count`.
    @inline(__always)
    func rtpUInt16(at offset: Int) -> UInt16 {
        UInt16(self[offset]) << 8 | UInt16(self[offset + 1])
    }

    /// Reads a network-order UInt32; the caller has checked `offset + 4 <= count`.
    @inline(__always)
    func rtpUInt32(at offset: Int) -> UInt32 {
        UInt32(self[offset]) << 24 | UInt32(self[offset + 1]) << 16
            | UInt32(self[offset + 2]) << 8 | UInt32(self[offset + 3])
    }

    /// A sub-buffer addressed from zero, so parsers never mix absolute and relative offsets.
    @inline(__always)
    func rtpSlice(_ range: Range<Int>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: self[range])
    }
}

extension UnsafeMutableRawBufferPointer {
    /// Writes a network-order UInt16; the caller has checked the room.
    @inline(__always)
    func rtpStore(_ value: UInt16, at offset: Int) {
        self[offset] = UInt8(truncatingIfNeeded: value >> 8)
        self[offset + 1] = UInt8(truncatingIfNeeded: value)
    }

    /// Writes a network-order UInt32; the caller has checked the room.
    @inline(__always)
    func rtpStore(_ value: UInt32, at offset: Int) {
        self[offset] = UInt8(truncatingIfNeeded: value >> 24)
        self[offset + 1] = UInt8(truncatingIfNeeded: value >> 16)
        self[offset + 2] = UInt8(truncatingIfNeeded: value >> 8)
        self[offset + 3] = UInt8(truncatingIfNeeded: value)
    }
}

extension Array where Element == UInt8 {
    /// Appends a network-order UInt16 (RTCP is written off the audio thread, so arrays are fine).
    mutating func rtpAppend(_ value: UInt16) {
        append(UInt8(truncatingIfNeeded: value >> 8))
        append(UInt8(truncatingIfNeeded: value))
    }

    /// Appends a network-order UInt32.
    mutating func rtpAppend(_ value: UInt32) {
        append(UInt8(truncatingIfNeeded: value >> 24))
        append(UInt8(truncatingIfNeeded: value >> 16))
        append(UInt8(truncatingIfNeeded: value >> 8))
        append(UInt8(truncatingIfNeeded: value))
    }
}
