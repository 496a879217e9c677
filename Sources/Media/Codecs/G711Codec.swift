import CSpanDSP

/// G.711 (PCMU/PCMA, RFC 3551 §4.5.14): the codec every SIP peer speaks, by table lookup,
/// with spandsp's concealment for lost frames.
public final class G711Codec: AudioCodec {
    /// The two companding laws: µ-law in North America and Japan, A-law elsewhere.
    public enum Law: Sendable {
        case muLaw
        case aLaw
    }

    /// Which table pair this codec uses.
    public let law: Law
    public var name: String { law == .muLaw ? "PCMU" : "PCMA" }
    public var sampleRate: Int { 8000 }
    public var channels: Int { 1 }
    public var rtpClockRate: Int { 8000 }
    public let frameSamples: Int
    /// One byte per sample.
    public var maxPayloadBytes: Int { frameSamples }

    private let concealer: SpanDSPConcealer

    /// - Parameter frameMilliseconds: 10…60 in steps of 10.
    public init(law: Law, frameMilliseconds: Int = 20, channels: Int = 1) throws(AudioCodecError) {
        let name = law == .muLaw ? "PCMU" : "PCMA"
        guard channels == 1 else { throw .unsupportedChannels(codec: name, channels: channels) }
        guard (1...6).contains(frameMilliseconds / 10), frameMilliseconds % 10 == 0 else {
            throw .unsupportedFrameDuration(codec: name, milliseconds: frameMilliseconds)
        }
        guard let concealer = SpanDSPConcealer() else { throw .libraryFailure(codec: name, code: -1) }
        self.law = law
        self.frameSamples = 8 * frameMilliseconds
        self.concealer = concealer
        G711Tables.prepare()
    }

    public func encode(_ pcm: UnsafeBufferPointer<Int16>, into output: UnsafeMutableRawBufferPointer) -> Int {
        let count = frameSamples
        guard pcm.count == count, output.count >= count, let out = output.baseAddress else { return 0 }
        let bytes = out.assumingMemoryBound(to: UInt8.self)
        switch law {
        case .muLaw:
            G711Tables.muLawEncode.withUnsafeBufferPointer { table in
                for i in 0..<count { bytes[i] = table[Int(pcm[i] >> 2) + 8192] }
            }
        case .aLaw:
            G711Tables.aLawEncode.withUnsafeBufferPointer { table in
                for i in 0..<count { bytes[i] = table[Int(pcm[i] >> 4) + 2048] }
            }
        }
        return count
    }

    /// Any payload length is valid G.711; decodes as many samples as `pcm` holds.
    public func decode(_ payload: UnsafeRawBufferPointer, into pcm: UnsafeMutableBufferPointer<Int16>) -> Int {
        let count = min(payload.count, pcm.count)
        guard count > 0 else { return 0 }
        let table = law == .muLaw ? G711Tables.muLawDecode : G711Tables.aLawDecode
        table.withUnsafeBufferPointer { table in
            for i in 0..<count { pcm[i] = table[Int(payload[i])] }
        }
        concealer.received(pcm, count: count)
        return count
    }

    /// G.711 carries no redundancy, so `next` is ignored.
    public func conceal(next: UnsafeRawBufferPointer?, into pcm: UnsafeMutableBufferPointer<Int16>) -> Int {
        guard pcm.count >= frameSamples else { return 0 }
        concealer.fillIn(pcm, count: frameSamples)
        return frameSamples
    }
}
