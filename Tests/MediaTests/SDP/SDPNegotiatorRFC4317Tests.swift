import Testing

@testable import Media

/// RFC 4317 (SDP Offer/Answer Examples), section 2: Dialtone answers Alice's offers. The offers are
/// the RFC's text (with its "s= " subject of one space). Where Bob's choice differs from Dialtone's,
/// the expectation is Dialtone's, and says why: Dialtone takes one audio stream with one codec
/// (plus telephone-event), declines video and every other stream with port 0, and does not know iLBC.
@Suite("RFC 4317 offers answered by Dialtone")
struct SDPNegotiatorRFC4317Tests {
    static let audioAndVideo = SDPFixtures.alice() + [
        "m=audio 49170 RTP/AVP 0 8 97", "a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000", "a=rtpmap:97 iLBC/8000",
        "m=video 51372 RTP/AVP 31 32", "a=rtpmap:31 H261/90000", "a=rtpmap:32 MPV/90000",
    ]
    static let twoAudioStreams = SDPFixtures.alice() + [
        "m=audio 49170 RTP/AVP 0 97", "a=rtpmap:0 PCMU/8000", "a=rtpmap:97 iLBC/8000",
        "m=audio 49172 RTP/AVP 98", "a=rtpmap:98 telephone-event/8000", "a=sendonly",
    ]
    static let audioOnly1 = SDPFixtures.alice() + [
        "m=audio 49170 RTP/AVP 0", "a=rtpmap:0 PCMU/8000",
        "m=audio 51372 RTP/AVP 97 101", "a=rtpmap:97 iLBC/8000", "a=rtpmap:101 telephone-event/8000",
    ]
    static let pcmuAndILBC = SDPFixtures.alice() + [
        "m=audio 49170 RTP/AVP 0 97", "a=rtpmap:0 PCMU/8000", "a=rtpmap:97 iLBC/8000",
    ]
    static let iLBCOnly = SDPFixtures.alice() + ["m=audio 49170 RTP/AVP 97", "a=rtpmap:97 iLBC/8000"]

    struct Case: Sendable, CustomStringConvertible {
        let description: String
        let offer: [String]
        var codecs: [SDPCodec] = SDPCodec.defaultPreference
        /// The answer's m= lines; nil when Dialtone answers 488.
        let mediaLines: [String]?
        var codec: SDPCodec = .pcmu
        var direction: MediaDirection = .sendrecv
    }

    static let cases: [Case] = [
        // 2.1: Bob keeps PCMU and MPV; Dialtone keeps PCMU (first of ours offered) and declines video.
        Case(description: "2.1 Audio and Video 1", offer: audioAndVideo,
             mediaLines: ["m=audio 40000 RTP/AVP 0", "m=video 0 RTP/AVP 31 32"]),
        // 2.2: Bob keeps PCMU and PCMA; Dialtone picks one by its own preference.
        Case(description: "2.2 Audio and Video 2, PCMA preferred", offer: audioAndVideo, codecs: [.pcma, .pcmu],
             mediaLines: ["m=audio 40000 RTP/AVP 8", "m=video 0 RTP/AVP 31 32"], codec: .pcma),
        // 2.4: Bob takes iLBC and the event stream; Dialtone takes PCMU and declines the second stream.
        Case(description: "2.4 Two Audio Streams", offer: twoAudioStreams,
             mediaLines: ["m=audio 40000 RTP/AVP 0", "m=audio 0 RTP/AVP 98"]),
        // 2.6: Bob declines the PCMU stream and takes iLBC; Dialtone cannot run iLBC, so the reverse.
        Case(description: "2.6 Audio Only 1", offer: audioOnly1,
             mediaLines: ["m=audio 40000 RTP/AVP 0", "m=audio 0 RTP/AVP 97 101"]),
        // 3.1 / 4.1: PCMU or iLBC; Bob chooses iLBC, Dialtone PCMU.
        Case(description: "3.1 Hold and Unhold 1 (first offer)", offer: pcmuAndILBC, mediaLines: ["m=audio 40000 RTP/AVP 0"]),
        // 2.3's answer with iLBC alone is Bob's choice; for Dialtone an iLBC-only offer is a 488.
        Case(description: "iLBC only (2.5, 4.3, 5.x offers as written)", offer: iLBCOnly, mediaLines: nil),
    ]

    @Test("first offers", arguments: cases)
    func answer(_ testCase: Case) throws {
        var negotiator = SDPNegotiator(local: SDPFixtures.settings(codecs: testCase.codecs))
        let offer = try SDPFixtures.parse(testCase.offer)
        guard let expected = testCase.mediaLines else {
            #expect(throws: SDPNegotiationError.self) { try negotiator.receiveOffer(offer) }
            return
        }
        let (answer, media) = try negotiator.receiveOffer(offer)
        #expect(SDPFixtures.mediaLines(answer) == expected)
        #expect(media.sendCodec == testCase.codec)
        #expect(media.direction == testCase.direction)
        #expect(media.remoteAddress == "host.atlanta.example.com")
        #expect(media.remoteRTPPort == 49170)
        // Every declined stream carries no attributes, only port 0 and the offer's formats.
        for section in answer.media where section.port == 0 { #expect(section.attributes.isEmpty) }
    }

    /// Every description of the RFC parses and serializes back byte for byte.
    @Test("RFC 4317 descriptions round-trip", arguments: [
        audioAndVideo, twoAudioStreams, audioOnly1, pcmuAndILBC, iLBCOnly,
        SDPFixtures.bob() + ["m=audio 49174 RTP/AVP 0", "a=rtpmap:0 PCMU/8000", "m=video 49170 RTP/AVP 32", "a=rtpmap:32 MPV/90000"],
        SDPFixtures.bob(address: "placeholder.biloxi.example.com") + ["m=audio 49172 RTP/AVP 97", "a=rtpmap:97 iLBC/8000", "a=sendonly"],
        SDPFixtures.bob(version: 2_808_844_565) + [
            "m=audio 49170 RTP/AVP 97", "a=rtpmap:97 iLBC/8000", "m=audio 48282 RTP/AVP 98",
            "c=IN IP4 mediaserver.biloxi.example.com", "a=rtpmap:98 telephone-event/8000", "a=recvonly",
        ],
        SDPFixtures.alice(address: "0.0.0.0") + ["m=audio 23442 RTP/AVP 97", "a=rtpmap:97 iLBC/8000"],
        SDPFixtures.alice(),
    ])
    func roundTrip(lines: [String]) throws {
        let text = SDPFixtures.text(lines)
        #expect(try SessionDescription(parsing: text).text == text)
    }

    /// 5.1: an offer without media lines. RFC 4317 answers it with no media lines either (3pcc);
    /// Dialtone needs an audio stream and answers 488.
    @Test func noMediaThenAudioAdded() throws {
        var negotiator = SDPNegotiator(local: SDPFixtures.settings())
        #expect(throws: SDPNegotiationError(
            kind: .notAcceptable, reason: "the offer has no media streams; Dialtone needs an audio stream")) {
            try negotiator.receiveOffer(try SDPFixtures.parse(SDPFixtures.alice()))
        }
        let second = SDPFixtures.alice(version: 2_890_844_527) + ["m=audio 49170 RTP/AVP 97", "a=rtpmap:97 opus/48000/2"]
        let (answer, media) = try negotiator.receiveOffer(try SDPFixtures.parse(second))
        #expect(SDPFixtures.mediaLines(answer) == ["m=audio 40000 RTP/AVP 97"])
        #expect(media.sendCodec == .opus)
    }
}
