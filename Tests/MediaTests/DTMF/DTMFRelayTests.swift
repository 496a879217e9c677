import Testing
@testable import Media

@Suite("DTMFRelay")
struct DTMFRelayTests {
    @Test("application/dtmf-relay bodies", arguments: [
        ("Signal=5\r\nDuration=160\r\n", DTMFDigit.five, Optional(160)),
        ("Signal=5\r\nDuration=160", .five, 160),
        ("signal=1\nduration=250\n", .one, 250),
        ("SIGNAL = # \r\n DURATION = 100 \r\n", .pound, 100),
        ("Signal=*\r\n", .star, nil),
        ("Signal=10\r\nDuration=160\r\n", .star, 160),
        ("Signal=11\r\nDuration=160\r\n", .pound, 160),
        ("Signal=d\r\nDuration=abc\r\n", .d, nil),
        ("\r\nSignal=\t9\t\r\nDuration=80\r\nExtra=thing\r\n\r\n", .nine, 80),
        ("Duration=160\r\nSignal=0\r\n", .zero, 160),
    ])
    func relay(body: String, digit: DTMFDigit, duration: Int?) throws {
        let parsed = try #require(DTMFRelay.parse(Array(body.utf8)))
        #expect(parsed.digit == digit)
        #expect(parsed.durationMs == duration)
    }

    @Test("unusable dtmf-relay bodies", arguments: [
        "", "Duration=160\r\n", "Signal=\r\n", "Signal=E\r\n", "Signal=16\r\n", "Signal=55\r\n", "Signal 5\r\n",
        "Signal=99999999999999999999\r\n",
    ])
    func unusable(body: String) {
        #expect(DTMFRelay.parse(Array(body.utf8)) == nil)
    }

    @Test("application/dtmf bodies")
    func dtmf() {
        #expect(DTMFRelay.parseDTMF(Array("5".utf8)) == .five)
        #expect(DTMFRelay.parseDTMF(Array(" #\r\n".utf8)) == .pound)
        #expect(DTMFRelay.parseDTMF(Array("Signal=7\r\n".utf8)) == .seven)
        #expect(DTMFRelay.parseDTMF(Array("".utf8)) == nil)
        #expect(DTMFRelay.parseDTMF(Array("56".utf8)) == nil)
    }

    @Test("bodies we send parse back")
    func writing() {
        let body = DTMFRelay.relayBody(digit: .star, durationMs: 160)
        #expect(body == Array("Signal=*\r\nDuration=160\r\n".utf8))
        #expect(DTMFRelay.parse(body)?.digit == .star)
        #expect(DTMFRelay.dtmfBody(digit: .b) == Array("B".utf8))
        #expect(DTMFRelay.relayContentType == "application/dtmf-relay")
    }
}
