import Testing
@testable import Media

@Suite struct NTPTimestampTests {
    @Test func middleThirtyTwoBitsAreLowSecondsAndHighFraction() {
        // RFC 3550 §6.4.1's example time 46864.500 s is 0xb710:8000 in the middle 32 bits.
        let time = NTPTimestamp(seconds: 46864, fraction: 0x8000_0000)
        #expect(time.middle32 == 0xB710_8000)
        #expect(NTPTimestamp(seconds: 0x1234_5678, fraction: 0x9ABC_DEF0).middle32 == 0x5678_9ABC)
    }

    @Test func buildsFromDurations() {
        let time = NTPTimestamp(sinceNTPEpoch: .seconds(46864) + .milliseconds(500))
        #expect(time == NTPTimestamp(seconds: 46864, fraction: 0x8000_0000))
        let quarter = NTPTimestamp(sinceNTPEpoch: .milliseconds(250))
        #expect(quarter.fraction == 0x4000_0000)
        #expect(NTPTimestamp(unixTime: .zero).seconds == 2_208_988_800)
    }

    @Test func wireValueRoundTrips() {
        let time = NTPTimestamp(0xE93A_2B1C_8000_0001)
        #expect(time.seconds == 0xE93A_2B1C)
        #expect(time.fraction == 0x8000_0001)
        #expect(time.value == 0xE93A_2B1C_8000_0001)
    }
}
