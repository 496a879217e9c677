import Testing

@testable import Media

/// RFC 4317's multi-exchange examples, with Dialtone as Alice or Bob. iLBC, which Dialtone does
/// not run, is replaced by Opus under the same dynamic payload number (97 or 99), so the point of
/// each example (numbers, holds, added and removed streams, versions) stays the same.
@Suite("RFC 4317 exchanges with Dialtone")
struct SDPNegotiatorRFC4317ScenarioTests {
    static let opus97 = ["m=audio 49170 RTP/AVP 97", "a=rtpmap:97 opus/48000/2"]

    /// 2.2: the second offer narrows audio to PCMU; the video stream stays, with port 0.
    @Test func audioAndVideo2SecondExchange() throws {
        var bob = SDPNegotiator(local: SDPFixtures.settings(codecs: [.pcma, .pcmu]))
        let first = try bob.receiveOffer(try SDPFixtures.parse(SDPNegotiatorRFC4317Tests.audioAndVideo))
        #expect(first.media.sendCodec == .pcma)
        let secondOffer = SDPFixtures.alice(version: 2_890_844_527) + [
            "m=audio 51372 RTP/AVP 0", "a=rtpmap:0 PCMU/8000", "m=video 0 RTP/AVP 31", "a=rtpmap:31 H261/90000",
        ]
        let second = try bob.receiveOffer(try SDPFixtures.parse(secondOffer))
        #expect(SDPFixtures.mediaLines(second.answer) == ["m=audio 40000 RTP/AVP 0", "m=video 0 RTP/AVP 31"])
        #expect(second.media.sendCodec == .pcmu)
        #expect(second.media.remoteRTPPort == 51372)
        #expect(second.answer.origin.sessionVersion == first.answer.origin.sessionVersion + 1)
    }

    /// 2.3: the answer may use another number for the same codec (97 → 99): we send with the
    /// answer's number and keep receiving with ours.
    @Test func audioAndVideo3PayloadNumberChanges() throws {
        var alice = SDPNegotiator(local: SDPFixtures.settings())
        _ = alice.makeOffer()
        let media = try alice.receiveAnswer(try SDPFixtures.answer(["m=audio 49172 RTP/AVP 99", "a=rtpmap:99 opus/48000/2"]))
        #expect(media.sendCodec == .opus)
        #expect(media.sendPayloadType == 99)
        #expect(media.receivePayloadTypes == [111: .opus])
    }

    /// 2.5: the second offer only moves the peer; our answer is the same description, so its
    /// version does not change.
    @Test func audioAndVideo4UnchangedAnswerKeepsItsVersion() throws {
        var alice = SDPNegotiator(local: SDPFixtures.settings())
        let firstOffer = SDPFixtures.bob() + Self.opus97 + ["m=video 49170 RTP/AVP 31", "a=rtpmap:31 H261/90000"]
        let first = try alice.receiveOffer(try SDPFixtures.parse(firstOffer))
        let secondOffer = SDPFixtures.bob(version: 2_808_844_565, address: "newhost.biloxi.example.com") + [
            "m=audio 49178 RTP/AVP 97", "a=rtpmap:97 opus/48000/2", "m=video 49188 RTP/AVP 31", "a=rtpmap:31 H261/90000",
        ]
        let second = try alice.receiveOffer(try SDPFixtures.parse(secondOffer))
        #expect(second.answer == first.answer)
        #expect(second.answer.origin.sessionVersion == 1)
        #expect(second.media.remoteAddress == "newhost.biloxi.example.com")
        #expect(second.media.remoteRTPPort == 49178)
    }

    /// 2.7: a second video codec is added; Dialtone still declines video, now with both formats.
    @Test func audioAndVideo5SecondVideoCodec() throws {
        var bob = SDPNegotiator(local: SDPFixtures.settings())
        let audio = ["m=audio 49170 RTP/AVP 99", "a=rtpmap:99 opus/48000/2"]
        let first = try bob.receiveOffer(try SDPFixtures.parse(SDPFixtures.alice() + audio + ["m=video 51372 RTP/AVP 31"]))
        let second = try bob.receiveOffer(try SDPFixtures.parse(
            SDPFixtures.alice(version: 2_890_844_527) + audio + ["m=video 51372 RTP/AVP 31 32", "a=rtpmap:32 MPV/90000"]))
        #expect(SDPFixtures.mediaLines(first.answer) == ["m=audio 40000 RTP/AVP 99", "m=video 0 RTP/AVP 31"])
        #expect(SDPFixtures.mediaLines(second.answer) == ["m=audio 40000 RTP/AVP 99", "m=video 0 RTP/AVP 31 32"])
        #expect(second.answer.origin.sessionVersion == 2)
    }

    /// 2.8: the answer's stream has its own c= line, which wins over the session's.
    @Test func audioAndVideo6MediaLevelConnection() throws {
        var alice = SDPNegotiator(local: SDPFixtures.settings())
        _ = alice.makeOffer()
        let media = try alice.receiveAnswer(try SDPFixtures.answer([
            "m=audio 49172 RTP/AVP 0", "c=IN IP4 otherhost.biloxi.example.com", "a=rtpmap:0 PCMU/8000",
        ]))
        #expect(media.remoteAddress == "otherhost.biloxi.example.com")
    }

    /// 3.1: Bob answers on hold (sendonly, placeholder address), then offers to resume.
    @Test func holdAndUnhold1() throws {
        var alice = SDPNegotiator(local: SDPFixtures.settings())
        _ = alice.makeOffer()
        let held = try alice.receiveAnswer(try SDPFixtures.answer(
            ["m=audio 49172 RTP/AVP 0", "a=rtpmap:0 PCMU/8000", "a=sendonly"],
            session: SDPFixtures.bob(address: "placeholder.biloxi.example.com")))
        #expect(held.direction == .recvonly)
        #expect(held.remoteAddress == "placeholder.biloxi.example.com")
        let resume = SDPFixtures.bob(version: 2_808_844_565) + ["m=audio 49170 RTP/AVP 0", "a=rtpmap:0 PCMU/8000"]
        let (answer, media) = try alice.receiveOffer(try SDPFixtures.parse(resume))
        #expect(media.direction == .sendrecv)
        #expect(media.remoteAddress == "host.biloxi.example.com")
        #expect(answer.media[0].direction == .sendrecv)
        #expect(answer.origin.sessionVersion == 2)
    }

    /// 3.2: two streams established; Bob (Dialtone) holds the first; Alice's second answer is the
    /// RFC's text, which names both streams again.
    @Test func holdWithTwoStreams() throws {
        var bob = SDPNegotiator(local: SDPFixtures.settings())
        let first = try bob.receiveOffer(try SDPFixtures.parse(SDPNegotiatorRFC4317Tests.twoAudioStreams))
        #expect(SDPFixtures.mediaLines(first.answer) == ["m=audio 40000 RTP/AVP 0", "m=audio 0 RTP/AVP 98"])
        let hold = bob.makeOffer(direction: .sendonly)
        #expect(SDPFixtures.mediaLines(hold) == ["m=audio 40000 RTP/AVP 111 9 0 8 101", "m=audio 0 RTP/AVP 98"])
        #expect(hold.media[0].direction == .sendonly)
        let secondAnswer = SDPFixtures.alice(version: 2_890_844_527) + [
            "m=audio 49170 RTP/AVP 0 97", "a=rtpmap:0 PCMU/8000", "a=rtpmap:97 iLBC/8000",
            "m=audio 49172 RTP/AVP 98", "a=rtpmap:98 telephone-event/8000", "a=sendonly",
        ]
        let media = try bob.receiveAnswer(try SDPFixtures.parse(secondAnswer))
        #expect(media.direction == .sendonly)
        #expect(media.sendCodec == .pcmu)
    }

    /// 4.1: Bob's second offer adds an event stream at his media server; Dialtone keeps its one
    /// audio stream and declines the new one.
    @Test func secondAudioStreamAdded() throws {
        var alice = SDPNegotiator(local: SDPFixtures.settings())
        _ = alice.makeOffer()
        _ = try alice.receiveAnswer(try SDPFixtures.answer(["m=audio 49170 RTP/AVP 0", "a=rtpmap:0 PCMU/8000"]))
        let offer = SDPFixtures.bob(version: 2_808_844_565) + [
            "m=audio 49170 RTP/AVP 0", "a=rtpmap:0 PCMU/8000", "m=audio 48282 RTP/AVP 98",
            "c=IN IP4 mediaserver.biloxi.example.com", "a=rtpmap:98 telephone-event/8000", "a=recvonly",
        ]
        let (answer, media) = try alice.receiveOffer(try SDPFixtures.parse(offer))
        #expect(SDPFixtures.mediaLines(answer) == ["m=audio 40000 RTP/AVP 0", "m=audio 0 RTP/AVP 98"])
        #expect(media.remoteAddress == "host.biloxi.example.com")
        #expect(answer.origin.sessionVersion == 2)
    }

    /// 4.2: video is added in a second offer; Dialtone declines it and the version goes up.
    @Test func audioThenVideoAdded() throws {
        var bob = SDPNegotiator(local: SDPFixtures.settings())
        let pcmu = ["m=audio 49170 RTP/AVP 0", "a=rtpmap:0 PCMU/8000"]
        let first = try bob.receiveOffer(try SDPFixtures.parse(SDPFixtures.alice() + pcmu))
        let second = try bob.receiveOffer(try SDPFixtures.parse(
            SDPFixtures.alice(version: 2_890_844_527) + pcmu + ["m=video 49172 RTP/AVP 31", "a=rtpmap:31 H261/90000"]))
        #expect(SDPFixtures.mediaLines(first.answer) == ["m=audio 40000 RTP/AVP 0"])
        #expect(SDPFixtures.mediaLines(second.answer) == ["m=audio 40000 RTP/AVP 0", "m=video 0 RTP/AVP 31"])
        #expect(second.answer.origin.sessionVersion == first.answer.origin.sessionVersion + 1)
    }

    /// 4.3: after audio and video, a new offer keeps the deleted video m= line with port 0.
    @Test func audioAndVideoThenVideoDeleted() throws {
        var bob = SDPNegotiator(local: SDPFixtures.settings())
        let offer = SDPFixtures.alice() + Self.opus97 + ["m=video 51372 RTP/AVP 31", "a=rtpmap:31 H261/90000"]
        _ = try bob.receiveOffer(try SDPFixtures.parse(offer))
        let reOffer = bob.makeOffer()
        #expect(SDPFixtures.mediaLines(reOffer) == ["m=audio 40000 RTP/AVP 111 9 0 8 101", "m=video 0 RTP/AVP 31"])
        let answer = SDPFixtures.alice(version: 2_890_844_527) + Self.opus97 + ["m=video 0 RTP/AVP 31", "a=rtpmap:31 H261/90000"]
        let media = try bob.receiveAnswer(try SDPFixtures.parse(answer))
        #expect(media.sendPayloadType == 97)
        #expect(media.receivePayloadTypes == [111: .opus])
    }

    /// 5.2: Alice's first offer black-holes media with c=0.0.0.0; the second gives her address.
    @Test func holdAndUnhold2() throws {
        var bob = SDPNegotiator(local: SDPFixtures.settings())
        let first = try bob.receiveOffer(try SDPFixtures.parse(
            SDPFixtures.alice(address: "0.0.0.0") + ["m=audio 23442 RTP/AVP 97", "a=rtpmap:97 opus/48000/2"]))
        #expect(first.media.direction == .recvonly)
        #expect(first.answer.media[0].direction == .recvonly)
        let second = try bob.receiveOffer(try SDPFixtures.parse(SDPFixtures.alice(version: 2_890_844_527) + Self.opus97))
        #expect(second.media.direction == .sendrecv)
        #expect(second.media.remoteAddress == "host.atlanta.example.com")
        #expect(second.media.remoteRTPPort == 49170)
        #expect(second.answer.origin.sessionVersion == 2)
    }

    /// 5.3: Bob's answer black-holes media; his later offer gives his address.
    @Test func holdAndUnhold3() throws {
        var alice = SDPNegotiator(local: SDPFixtures.settings())
        _ = alice.makeOffer()
        let held = try alice.receiveAnswer(try SDPFixtures.answer(
            ["m=audio 9322 RTP/AVP 97", "a=rtpmap:97 opus/48000/2"], session: SDPFixtures.bob(address: "0.0.0.0")))
        #expect(held.direction == .recvonly)
        let offer = SDPFixtures.bob(version: 2_808_844_565) + ["m=audio 49172 RTP/AVP 97", "a=rtpmap:97 opus/48000/2"]
        let resumed = try alice.receiveOffer(try SDPFixtures.parse(offer))
        #expect(resumed.media.direction == .sendrecv)
        #expect(resumed.media.remoteRTPPort == 49172)
        #expect(resumed.media.sendPayloadType == 97)
    }
}
