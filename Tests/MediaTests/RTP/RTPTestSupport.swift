@testable import Media

/// A deterministic generator (SplitMix64) so tests get the same "random" numbers every run.
struct RTPSeededRandom: RandomNumberGenerator, Sendable {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Always returns the same word: all zeros gives the low end of any range, all ones the high end.
struct RTPConstantRandom: RandomNumberGenerator, Sendable {
    var value: UInt64
    mutating func next() -> UInt64 { value }
}

/// A fake network address.
enum RTPTestPeer: Hashable, Sendable {
    case sdp, nat, third, moved
}

/// Builds an RTP datagram: header plus `payloadBytes` bytes of 0xAB.
func rtpDatagram(ssrc: UInt32, sequence: UInt16, timestamp: UInt32, payloadType: UInt8 = 0, payloadBytes: Int = 160) -> [UInt8] {
    let header = RTPHeader(payloadType: payloadType, sequenceNumber: sequence, timestamp: timestamp, ssrc: ssrc)
    var bytes = [UInt8](repeating: 0xAB, count: header.byteCount + payloadBytes)
    let written = bytes.withUnsafeMutableBytes { header.write(into: $0) }
    precondition(written == header.byteCount)
    return bytes
}

func parseRTP(_ bytes: [UInt8]) -> (header: RTPHeader, payload: Range<Int>)? {
    bytes.withUnsafeBytes { RTPHeader.parse($0) }
}

extension RTPSession {
    mutating func receive(_ bytes: [UInt8], from source: Address, at now: Duration) -> RTPReceiveVerdict {
        bytes.withUnsafeBytes { receiveRTP($0, from: source, now: now) }
    }

    mutating func receiveControl(_ bytes: [UInt8], from source: Address, at now: Duration, ntp: NTPTimestamp) -> [RTCPEvent] {
        bytes.withUnsafeBytes { receiveRTCP($0, from: source, now: now, ntp: ntp) }
    }
}

extension RTPReceiveVerdict {
    var isAccepted: Bool {
        if case .accepted = self { return true }
        return false
    }
}

/// One remote stream at 8 kHz, 20 ms per packet: sequence n is sent at n × 20 ms.
struct RTPTestStream {
    var ssrc: UInt32
    var firstSequence: UInt16 = 0

    func packet(_ index: Int) -> [UInt8] {
        rtpDatagram(ssrc: ssrc, sequence: firstSequence &+ UInt16(truncatingIfNeeded: index),
                    timestamp: UInt32(truncatingIfNeeded: 160 * index))
    }

    static func time(_ index: Int) -> Duration { .milliseconds(20 * index) }
}
