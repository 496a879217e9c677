import Testing
@testable import MediaNIO

@Suite struct NullSinkTests {
    @Test func discardsAndCountsFrames() {
        let sink = NullSink(format: .wideband)
        let samples = [Int16](repeating: 5, count: 320)
        samples.withUnsafeBufferPointer { sink.write($0, frames: 320) }
        samples.withUnsafeBufferPointer { sink.write($0, frames: 500) }  // only 320 fit
        sink.close()
        #expect(sink.framesDiscarded == 640)
        #expect(sink.name == "null")
        #expect(sink.pacesItself == false)
    }
}
