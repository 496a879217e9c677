import Testing
@testable import Media

@Suite struct OpusCodecTests {
    /// 440 Hz, then 1 kHz from about the start of frame `lost` (allowing for Opus's 6.5 ms delay).
    /// The packet after the lost one carries the lost frame's FEC copy, so FEC brings back the new
    /// 1 kHz tone; plain concealment can only extrapolate the old 440 Hz.
    @Test func fecRebuildsTheLostFrameFromTheNextPacket() throws {
        let sender = try OpusCodec(frameMilliseconds: 20, channels: 1, bitrate: 32000, expectedLossPercent: 10)
        let withFEC = try OpusCodec(frameMilliseconds: 20)
        let withPLC = try OpusCodec(frameMilliseconds: 20)
        let frame = 960, lost = 12, switchAt = lost * frame - 312
        let low = CodecTestSignal.sine(frequency: 440, rate: 48000, count: switchAt)
        let high = CodecTestSignal.sine(frequency: 1000, rate: 48000, count: 20 * frame - switchAt)
        let input = low + high

        var packets: [[UInt8]] = []
        var buffer = [UInt8](repeating: 0, count: sender.maxPayloadBytes)
        for index in 0..<20 {
            let size = input[(index * frame)..<((index + 1) * frame)].withUnsafeBufferPointer { pcm in
                buffer.withUnsafeMutableBytes { sender.encode(pcm, into: $0) }
            }
            #expect(size > 0)
            packets.append(Array(buffer[0..<size]))
        }

        var pcm = [Int16](repeating: 0, count: frame)
        for index in 0..<lost {
            for receiver in [withFEC, withPLC] {
                let count = packets[index].withUnsafeBytes { raw in pcm.withUnsafeMutableBufferPointer { receiver.decode(raw, into: $0) } }
                #expect(count == frame)
            }
        }
        var recovered = [Int16](repeating: 0, count: frame)
        let fecCount = packets[lost + 1].withUnsafeBytes { next in
            recovered.withUnsafeMutableBufferPointer { withFEC.conceal(next: next, into: $0) }
        }
        var extrapolated = [Int16](repeating: 0, count: frame)
        let plcCount = extrapolated.withUnsafeMutableBufferPointer { withPLC.conceal(next: nil, into: $0) }
        #expect(fecCount == frame)
        #expect(plcCount == frame)

        let fecHigh = CodecTestSignal.goertzelPower(recovered, frequency: 1000, rate: 48000)
        let fecLow = CodecTestSignal.goertzelPower(recovered, frequency: 440, rate: 48000)
        let plcHigh = CodecTestSignal.goertzelPower(extrapolated, frequency: 1000, rate: 48000)
        let plcLow = CodecTestSignal.goertzelPower(extrapolated, frequency: 440, rate: 48000)
        #expect(CodecTestSignal.rms(recovered[...]) > 2000, "FEC output is near silent")
        #expect(fecHigh > 10 * fecLow, "FEC: 1 kHz \(fecHigh) vs 440 Hz \(fecLow)")
        #expect(plcLow > plcHigh, "PLC: 440 Hz \(plcLow) vs 1 kHz \(plcHigh)")

        // The next packet itself still decodes normally after its FEC was used.
        let nextCount = packets[lost + 1].withUnsafeBytes { raw in pcm.withUnsafeMutableBufferPointer { withFEC.decode(raw, into: $0) } }
        #expect(nextCount == frame)
        #expect(CodecTestSignal.goertzelPower(pcm, frequency: 1000, rate: 48000)
            > 10 * CodecTestSignal.goertzelPower(pcm, frequency: 440, rate: 48000))
    }

    @Test func concealmentWithoutTheNextPacketIsNotSilent() throws {
        let codec = try OpusCodec(frameMilliseconds: 20)
        let tone = CodecTestSignal.sine(frequency: 1000, rate: 48000, count: 960 * 10)
        _ = CodecTestSignal.roundTrip(codec, tone)
        var pcm = [Int16](repeating: 0, count: 960)
        #expect(pcm.withUnsafeMutableBufferPointer { codec.conceal(next: nil, into: $0) } == 960)
        #expect(CodecTestSignal.rms(pcm[...]) > 1000)
        #expect(CodecTestSignal.goertzelPower(pcm, frequency: 1000, rate: 48000)
            > 10 * CodecTestSignal.goertzelPower(pcm, frequency: 440, rate: 48000))
    }

    @Test func aCorruptNextPacketFallsBackToConcealment() throws {
        let codec = try OpusCodec(frameMilliseconds: 20)
        _ = CodecTestSignal.roundTrip(codec, CodecTestSignal.sine(frequency: 1000, rate: 48000, count: 960 * 5))
        // TOC code 3 (arbitrary frame count) with a count byte of 0 frames: invalid.
        let corrupt: [UInt8] = [0x0B, 0x00]
        var pcm = [Int16](repeating: 0, count: 960)
        let count = corrupt.withUnsafeBytes { raw in pcm.withUnsafeMutableBufferPointer { codec.conceal(next: raw, into: $0) } }
        #expect(count == 960)
        #expect(corrupt.withUnsafeBytes { raw in pcm.withUnsafeMutableBufferPointer { codec.decode(raw, into: $0) } } == 0)
    }

    @Test func aHigherBitrateGivesLargerPackets() throws {
        let tone = CodecTestSignal.sine(frequency: 1000, rate: 48000, count: 960 * 25)
        let low = try OpusCodec(frameMilliseconds: 20, bitrate: 12000)
        let high = try OpusCodec(frameMilliseconds: 20, bitrate: 64000)
        let lowBytes = CodecTestSignal.roundTrip(low, tone).payloadSizes.reduce(0, +)
        let highBytes = CodecTestSignal.roundTrip(high, tone).payloadSizes.reduce(0, +)
        #expect(highBytes > 2 * lowBytes, "\(highBytes) vs \(lowBytes)")
        #expect(low.bitrate == 12000 && high.bitrate == 64000)
    }

    @Test func decodeRefusesAPacketLongerThanTheBuffer() throws {
        let codec = try OpusCodec(frameMilliseconds: 60)
        var payload = [UInt8](repeating: 0, count: codec.maxPayloadBytes)
        let frame = [Int16](repeating: 0, count: codec.frameSamples)
        let size = frame.withUnsafeBufferPointer { pcm in payload.withUnsafeMutableBytes { codec.encode(pcm, into: $0) } }
        #expect(size > 0)
        var tooSmall = [Int16](repeating: 0, count: 960)
        let count = payload.withUnsafeBytes { raw in
            tooSmall.withUnsafeMutableBufferPointer { codec.decode(UnsafeRawBufferPointer(rebasing: raw[0..<size]), into: $0) }
        }
        #expect(count == 0)
    }
}
