import Testing

@testable import Media

@Suite("MediaDirection")
struct MediaDirectionTests {
    @Test func sendsAndReceives() {
        #expect(MediaDirection.allCases.map(\.sends) == [true, true, false, false])
        #expect(MediaDirection.allCases.map(\.receives) == [true, false, true, false])
        for direction in MediaDirection.allCases {
            #expect(MediaDirection(sends: direction.sends, receives: direction.receives) == direction)
        }
        #expect(MediaDirection.sendonly.reversed == .recvonly)
        #expect(MediaDirection.inactive.reversed == .inactive)
    }

    /// RFC 3264 §6.1's answer rule, limited by what the answerer wants.
    @Test("answer rule", arguments: [
        (MediaDirection.sendrecv, MediaDirection.sendrecv, MediaDirection.sendrecv),
        (.sendonly, .sendrecv, .recvonly),
        (.recvonly, .sendrecv, .sendonly),
        (.inactive, .sendrecv, .inactive),
        (.sendrecv, .sendonly, .sendonly),
        (.sendonly, .sendonly, .inactive),
        (.recvonly, .recvonly, .inactive),
        (.sendrecv, .recvonly, .recvonly),
        (.recvonly, .inactive, .inactive),
    ])
    func answerRule(offered: MediaDirection, wanted: MediaDirection, expected: MediaDirection) {
        #expect(offered.answer(wanting: wanted) == expected)
    }
}
