import Testing
@testable import Media

@Suite("TelephoneEventPayload")
struct TelephoneEventPayloadTests {
    @Test("wire format of RFC 4733 §2.3", arguments: [
        (TelephoneEventPayload(event: 1, isEnd: false, volume: 10, duration: 160), [0x01, 0x0A, 0x00, 0xA0] as [UInt8]),
        (TelephoneEventPayload(event: 11, isEnd: true, volume: 10, duration: 800), [0x0B, 0x8A, 0x03, 0x20]),
        (TelephoneEventPayload(event: 15, isEnd: true, volume: 63, duration: 0xFFFF), [0x0F, 0xBF, 0xFF, 0xFF]),
        (TelephoneEventPayload(event: 0, isEnd: false, volume: 0, duration: 0), [0, 0, 0, 0]),
    ])
    func roundTrip(payload: TelephoneEventPayload, bytes: [UInt8]) {
        var written = [UInt8](repeating: 0xEE, count: 6)
        let count = written.withUnsafeMutableBytes { payload.write(to: $0) }
        #expect(count == 4)
        #expect(Array(written.prefix(4)) == bytes)
        #expect(written[4] == 0xEE)
        #expect(bytes.withUnsafeBytes { TelephoneEventPayload(parsing: $0) } == payload)
    }

    @Test("the R bit is ignored, short payloads are refused, volume is masked")
    func edges() {
        let parsed = [UInt8]([0x05, 0xCA, 0x01, 0x00]).withUnsafeBytes { TelephoneEventPayload(parsing: $0) }
        #expect(parsed == TelephoneEventPayload(event: 5, isEnd: true, volume: 10, duration: 256))
        #expect(parsed?.digit == .five)
        #expect([UInt8]([1, 2, 3]).withUnsafeBytes { TelephoneEventPayload(parsing: $0) } == nil)
        var small = [UInt8](repeating: 0, count: 3)
        #expect(small.withUnsafeMutableBytes { TelephoneEventPayload(event: 1, isEnd: false, volume: 1, duration: 1).write(to: $0) } == nil)
        var out = [UInt8](repeating: 0, count: 4)
        _ = out.withUnsafeMutableBytes { TelephoneEventPayload(event: 1, isEnd: false, volume: 0xFF, duration: 1).write(to: $0) }
        #expect(out[1] == 0x3F)
        #expect(TelephoneEventPayload(event: 16, isEnd: false, volume: 0, duration: 0).digit == nil)
    }
}
