import Testing
@testable import SIPCore

@Test func parseErrorDescriptionNamesLineAndColumn() {
    let error = SIPParseError(reason: "bad", line: 3, column: 7, offset: 40)
    #expect(error.description == "line 3, column 7: bad")
}
