import Testing

@testable import Media

/// Answers to our offers (RFC 3264 §7): what we send, what we receive, and answers we refuse.
@Suite("SDPNegotiator: answers to our offers")
struct SDPNegotiatorAnswerTests {
    @Test func answerGivesTheSendCodecAndEveryReceivableOne() throws {
        var negotiator = SDPNegotiator(local: SDPFixtures.settings())
        _ = negotiator.makeOffer()
        let answer = try SDPFixtures.answer([
            "m=audio 49172 RTP/AVP 8 99 0 100 101", "a=rtpmap:99 opus/48000/2", "a=fmtp:99 stereo=1",
            "a=rtpmap:100 telephone-event/8000", "a=rtpmap:101 CN/8000", "a=ptime:40", "a=rtcp:49999",
        ])
        let media = try negotiator.receiveAnswer(answer)
        #expect(media == NegotiatedAudio(
            remoteAddress: "host.biloxi.example.com", remoteRTPPort: 49172, remoteRTCPPort: 49999,
            sendCodec: .pcma, sendPayloadType: 8, receivePayloadTypes: [8: .pcma, 111: .opus, 0: .pcmu],
            sendTelephoneEvent: 100, receiveTelephoneEvent: 101, telephoneEventClockRate: 8000,
            direction: .sendrecv, ptime: 40, opus: OpusParameters(), srtp: nil))
        #expect(negotiator.state == .done)
    }

    @Test func opusParametersComeFromTheAnswer() throws {
        var negotiator = SDPNegotiator(local: SDPFixtures.settings())
        _ = negotiator.makeOffer()
        let media = try negotiator.receiveAnswer(try SDPFixtures.answer([
            "m=audio 49172 RTP/AVP 111", "a=rtpmap:111 opus/48000/2", "a=fmtp:111 useinbandfec=1; maxaveragebitrate=24000",
        ]))
        #expect(media.sendCodec == .opus)
        #expect(media.opus == OpusParameters(useInbandFEC: true, maxAverageBitrate: 24000))
        #expect(media.sendTelephoneEvent == nil)
    }

    @Test("answers that do not fit our offer", arguments: [
        (["m=audio 49172 RTP/AVP 0", "m=video 0 RTP/AVP 31"], "the answer has 2 media streams; our offer had 1 (RFC 3264 §6)"),
        (["m=audio 0 RTP/AVP 0"], "the peer declined our audio stream (port 0)"),
        (["m=video 5000 RTP/AVP 31"], "the answer put video where our offer had audio"),
        (["m=audio 49172 RTP/AVP 18 97", "a=rtpmap:97 iLBC/8000"],
         "the answer has no codec we offered (it answered G729/8000, iLBC/8000)"),
        (["m=audio 49172 RTP/AVPF 0"], "the answer's audio stream uses transport RTP/AVPF; Dialtone runs RTP/AVP and RTP/SAVP"),
    ])
    func invalidAnswers(sections: [String], reason: String) throws {
        var negotiator = SDPNegotiator(local: SDPFixtures.settings(codecs: [.pcmu, .opus]))
        _ = negotiator.makeOffer()
        #expect(throws: SDPNegotiationError(kind: .invalidAnswer, reason: reason)) {
            try negotiator.receiveAnswer(try SDPFixtures.answer(sections))
        }
        #expect(negotiator.state == .idle)
        #expect(negotiator.active == nil)
    }

    @Test func codecWeDidNotOfferIsNotSentEvenIfWeKnowIt() throws {
        var negotiator = SDPNegotiator(local: SDPFixtures.settings(codecs: [.pcma]))
        _ = negotiator.makeOffer()
        #expect(throws: SDPNegotiationError.self) {
            try negotiator.receiveAnswer(try SDPFixtures.answer(["m=audio 49172 RTP/AVP 0"]))
        }
    }
}
