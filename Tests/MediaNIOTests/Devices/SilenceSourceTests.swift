import Testing
@testable import MediaNIO

@Suite struct SilenceSourceTests {
    @Test func fillsTheWholeFrameWithSilence() {
        let source = SilenceSource(format: AudioFormat(sampleRate: 16000, channels: 2))
        var buffer = [Int16](repeating: 99, count: 641)
        let got = buffer.withUnsafeMutableBufferPointer { source.read(into: $0, frames: 320) }
        #expect(got == 320)
        #expect(buffer[0..<640].allSatisfy { $0 == 0 })
        #expect(buffer[640] == 99)
        #expect(source.name == "null")
        #expect(source.pacesItself == false)
    }
}
