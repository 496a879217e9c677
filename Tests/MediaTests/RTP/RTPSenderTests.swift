import Testing
@testable import Media

@Suite struct RTPSenderTests {
    @Test func numbersPacketsFromItsOrigin() {
        var sender = RTPSender(ssrc: 0x1234_5678, initialSequenceNumber: 0xFFFE, initialTimestamp: 0xFFFF_FF00)
        let first = sender.header(payloadType: 0, timestampOffset: 0, marker: true)
        let second = sender.header(payloadType: 0, timestampOffset: 160, marker: false)
        let third = sender.header(payloadType: 0, timestampOffset: 320, marker: false)
        #expect(first == RTPHeader(payloadType: 0, sequenceNumber: 0xFFFE, timestamp: 0xFFFF_FF00, ssrc: 0x1234_5678, marker: true))
        #expect(second.sequenceNumber == 0xFFFF)
        #expect(second.timestamp == 0xFFFF_FFA0)
        #expect(third.sequenceNumber == 0)  // wraps
        #expect(third.timestamp == 0x0000_0040)  // wraps
        #expect(sender.nextSequenceNumber == 1)
    }

    @Test func dtmfPacketsRepeatOneOffsetWithNewSequenceNumbers() {
        var sender = RTPSender(ssrc: 1, initialSequenceNumber: 100, initialTimestamp: 1000)
        let headers = (0..<3).map { index in
            sender.header(payloadType: 101, timestampOffset: 8000, marker: index == 0)
        }
        #expect(headers.map(\.timestamp) == [9000, 9000, 9000])
        #expect(headers.map(\.sequenceNumber) == [100, 101, 102])
        #expect(headers.map(\.marker) == [true, false, false])
    }

    @Test func countsPacketsAndPayloadOctets() {
        var sender = RTPSender(ssrc: 1, initialSequenceNumber: 0, initialTimestamp: 0)
        sender.sent(payloadBytes: 160)
        sender.sent(payloadBytes: 160)
        sender.sent(payloadBytes: 4)
        sender.sent(payloadBytes: -5)  // nonsense counts as nothing
        #expect(sender.packetCount == 4)
        #expect(sender.octetCount == 324)
    }

    @Test func drawsItsOriginFromTheInjectedGenerator() {
        var zeros = RTPConstantRandom(value: 0)
        let low = RTPSender(random: &zeros)
        #expect(low.ssrc == 0 && low.initialSequenceNumber == 0 && low.initialTimestamp == 0)

        var first = RTPSeededRandom(seed: 7)
        var again = RTPSeededRandom(seed: 7)
        #expect(RTPSender(random: &first) == RTPSender(random: &again))

        var random = RTPSeededRandom(seed: 1)
        var ssrcs = Set<UInt32>()
        for _ in 0..<200 {
            let sender = RTPSender(random: &random)
            #expect(sender.initialSequenceNumber < 0x8000)
            ssrcs.insert(sender.ssrc)
        }
        #expect(ssrcs.count == 200)
    }
}
