import Testing
@testable import Media

@Suite("DTMFDigit")
struct DTMFDigitTests {
    @Test("keys map to RFC 4733 event codes and back", arguments: [
        ("0", 0), ("1", 1), ("5", 5), ("9", 9), ("*", 10), ("#", 11), ("A", 12), ("B", 13), ("C", 14), ("D", 15),
    ])
    func eventCodes(symbol: String, code: UInt8) throws {
        let character = try #require(symbol.first)
        let digit = try #require(DTMFDigit(character: character))
        #expect(digit.event == code)
        #expect(DTMFDigit(event: code) == digit)
        #expect(digit.character == character)
    }

    @Test("lower-case a–d are accepted, other characters are not")
    func characters() {
        #expect(DTMFDigit(character: "c") == .c)
        for bad: Character in ["E", "e", "x", " ", "+", "é", "٣"] { #expect(DTMFDigit(character: bad) == nil) }
        #expect(DTMFDigit(event: 16) == nil)
        #expect(DTMFDigit.allCases.count == 16)
    }
}
