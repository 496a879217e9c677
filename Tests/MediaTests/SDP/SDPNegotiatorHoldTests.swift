import Testing

@testable import Media

/// Hold and resume both ways (RFC 3264 §8.4): our `direction` is always OUR view.
@Suite("SDPNegotiator: hold and resume")
struct SDPNegotiatorHoldTests {
    static func negotiated() throws -> SDPNegotiator {
        var negotiator = SDPNegotiator(local: SDPFixtures.settings(codecs: [.pcmu]))
        _ = negotiator.makeOffer()
        _ = try negotiator.receiveAnswer(try SDPFixtures.answer(["m=audio 49172 RTP/AVP 0"]))
        return negotiator
    }

    @Test func weHoldAndResume() throws {
        var negotiator = try Self.negotiated()
        let hold = negotiator.makeOffer(direction: .sendonly)
        #expect(hold.media[0].direction == .sendonly)
        #expect(hold.origin.sessionVersion == 2)
        let held = try negotiator.receiveAnswer(try SDPFixtures.answer(["m=audio 49172 RTP/AVP 0", "a=recvonly"]))
        #expect(held.direction == .sendonly)
        #expect(held.description == "PCMU/8000 sendonly")

        let resume = negotiator.makeOffer(direction: .sendrecv)
        #expect(resume.media[0].direction == .sendrecv)
        #expect(resume.origin.sessionVersion == 3)
        #expect(try negotiator.receiveAnswer(try SDPFixtures.answer(["m=audio 49172 RTP/AVP 0"])).direction == .sendrecv)
    }

    @Test func peerAnswersOurHoldWithInactive() throws {
        var negotiator = try Self.negotiated()
        _ = negotiator.makeOffer(direction: .sendonly)
        #expect(try negotiator.receiveAnswer(try SDPFixtures.answer(["m=audio 49172 RTP/AVP 0", "a=inactive"])).direction == .inactive)
    }

    struct PeerHold: Sendable, CustomStringConvertible {
        let description: String
        let offer: [String]
        let wanted: MediaDirection
        let answered: MediaDirection
        let address: String
    }

    @Test("the peer holds us", arguments: [
        PeerHold(description: "sendonly", offer: SDPFixtures.bob(version: 2_808_844_565) + ["m=audio 49172 RTP/AVP 0", "a=sendonly"],
                 wanted: .sendrecv, answered: .recvonly, address: "host.biloxi.example.com"),
        PeerHold(description: "inactive", offer: SDPFixtures.bob(version: 2_808_844_565) + ["m=audio 49172 RTP/AVP 0", "a=inactive"],
                 wanted: .sendrecv, answered: .inactive, address: "host.biloxi.example.com"),
        PeerHold(description: "session-level sendonly",
                 offer: SDPFixtures.bob(version: 2_808_844_565) + ["a=sendonly", "m=audio 49172 RTP/AVP 0"],
                 wanted: .sendrecv, answered: .recvonly, address: "host.biloxi.example.com"),
        PeerHold(description: "c=0.0.0.0 (RFC 2543)",
                 offer: SDPFixtures.bob(version: 2_808_844_565, address: "0.0.0.0") + ["m=audio 49172 RTP/AVP 0"],
                 wanted: .sendrecv, answered: .recvonly, address: "0.0.0.0"),
        PeerHold(description: "c=0.0.0.0 with inactive",
                 offer: SDPFixtures.bob(version: 2_808_844_565, address: "0.0.0.0") + ["m=audio 49172 RTP/AVP 0", "a=inactive"],
                 wanted: .sendrecv, answered: .inactive, address: "0.0.0.0"),
        PeerHold(description: "sendonly while we hold too",
                 offer: SDPFixtures.bob(version: 2_808_844_565) + ["m=audio 49172 RTP/AVP 0", "a=sendonly"],
                 wanted: .sendonly, answered: .inactive, address: "host.biloxi.example.com"),
        PeerHold(description: "recvonly: the peer only listens", offer: SDPFixtures.bob(version: 2_808_844_565) + ["m=audio 49172 RTP/AVP 0", "a=recvonly"],
                 wanted: .sendrecv, answered: .sendonly, address: "host.biloxi.example.com"),
    ])
    func peerHolds(_ hold: PeerHold) throws {
        var negotiator = try Self.negotiated()
        let (answer, media) = try negotiator.receiveOffer(try SDPFixtures.parse(hold.offer), direction: hold.wanted)
        #expect(answer.media[0].direction == hold.answered)
        #expect(media.direction == hold.answered)
        #expect(media.remoteAddress == hold.address)
        #expect(answer.connection == SDPConnection(address: "192.0.2.10"))

        // The peer resumes.
        let resume = try SDPFixtures.parse(SDPFixtures.bob(version: 2_808_844_566) + ["m=audio 49172 RTP/AVP 0"])
        let resumed = try negotiator.receiveOffer(resume, direction: .sendrecv)
        #expect(resumed.answer.media[0].direction == .sendrecv)
        #expect(resumed.media.direction == .sendrecv)
        #expect(resumed.media.remoteAddress == "host.biloxi.example.com")
    }

    @Test func answerWithHoldAddressMeansThePeerHoldsUs() throws {
        var negotiator = SDPNegotiator(local: SDPFixtures.settings(codecs: [.pcmu]))
        _ = negotiator.makeOffer()
        let media = try negotiator.receiveAnswer(try SDPFixtures.answer(
            ["m=audio 9322 RTP/AVP 0"], session: SDPFixtures.bob(address: "0.0.0.0")))
        #expect(media.direction == .recvonly)
        #expect(media.remoteAddress == "0.0.0.0")
    }
}
