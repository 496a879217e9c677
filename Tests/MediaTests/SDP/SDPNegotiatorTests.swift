import Testing

@testable import Media

@Suite("SDPNegotiator: offers, answers, codecs")
struct SDPNegotiatorTests {
    static let defaultOffer = [
        "v=0",
        "o=dialtone 4242 1 IN IP4 192.0.2.10",
        "s=-",
        "c=IN IP4 192.0.2.10",
        "t=0 0",
        "m=audio 40000 RTP/AVP 111 9 0 8 101",
        "a=rtpmap:111 opus/48000/2",
        "a=fmtp:111 useinbandfec=1",
        "a=rtpmap:9 G722/8000",
        "a=rtpmap:0 PCMU/8000",
        "a=rtpmap:8 PCMA/8000",
        "a=rtpmap:101 telephone-event/8000",
        "a=fmtp:101 0-16",
        "a=ptime:20",
        "a=sendrecv",
    ]

    @Test func offerText() {
        var negotiator = SDPNegotiator(local: SDPFixtures.settings())
        #expect(negotiator.state == .idle)
        let offer = negotiator.makeOffer()
        #expect(offer.text == SDPFixtures.text(Self.defaultOffer))
        #expect(negotiator.state == .localOffer)
        #expect(negotiator.active == nil)
    }

    @Test func offerInIPv6WithoutTelephoneEvent() {
        var settings = SDPFixtures.settings(codecs: [.pcma], telephoneEvent: false)
        settings.address = "2001:db8::10"
        settings.ptime = 30
        var negotiator = SDPNegotiator(local: settings)
        #expect(negotiator.makeOffer().text == SDPFixtures.text([
            "v=0", "o=dialtone 4242 1 IN IP6 2001:db8::10", "s=-", "c=IN IP6 2001:db8::10", "t=0 0",
            "m=audio 40000 RTP/AVP 8", "a=rtpmap:8 PCMA/8000", "a=ptime:30", "a=sendrecv",
        ]))
    }

    @Test func answerToAnOffer() throws {
        var negotiator = SDPNegotiator(local: SDPFixtures.settings())
        let offer = try SDPFixtures.parse(SDPFixtures.alice() + [
            "m=audio 49170 RTP/AVP 0 8 96 101", "a=rtpmap:96 opus/48000/2", "a=fmtp:96 useinbandfec=1",
            "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-15", "a=ptime:20",
        ])
        let (answer, media) = try negotiator.receiveOffer(offer)
        #expect(answer.text == SDPFixtures.text([
            "v=0", "o=dialtone 4242 1 IN IP4 192.0.2.10", "s=-", "c=IN IP4 192.0.2.10", "t=0 0",
            "m=audio 40000 RTP/AVP 96 101", "a=rtpmap:96 opus/48000/2", "a=fmtp:96 useinbandfec=1",
            "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-16", "a=ptime:20", "a=sendrecv",
        ]))
        #expect(media == NegotiatedAudio(
            remoteAddress: "host.atlanta.example.com", remoteRTPPort: 49170, remoteRTCPPort: 49171,
            sendCodec: .opus, sendPayloadType: 96, receivePayloadTypes: [96: .opus],
            sendTelephoneEvent: 101, receiveTelephoneEvent: 101, telephoneEventClockRate: 8000,
            direction: .sendrecv, ptime: 20, opus: OpusParameters(useInbandFEC: true), srtp: nil))
        #expect(media.description == "opus/48000 sendrecv")
        #expect(negotiator.state == .done)
        #expect(negotiator.active == media)
        #expect(negotiator.lastRemoteDescription == offer)
        #expect(negotiator.lastLocalDescription == answer)
    }

    struct PreferenceCase: Sendable, CustomStringConvertible {
        let description: String
        let ours: [SDPCodec]
        let offered: [String]
        let codec: SDPCodec
        let payloadType: UInt8
    }

    /// Our preference decides, whatever the peer's order; codecs match by name and rate.
    @Test("codec preference", arguments: [
        PreferenceCase(description: "opus first for us, last for the peer", ours: SDPCodec.defaultPreference,
                       offered: ["m=audio 5004 RTP/AVP 0 8 9 120", "a=rtpmap:120 OPUS/48000/2"], codec: .opus, payloadType: 120),
        PreferenceCase(description: "G722 by static number", ours: SDPCodec.defaultPreference,
                       offered: ["m=audio 5004 RTP/AVP 8 0 9"], codec: .g722, payloadType: 9),
        PreferenceCase(description: "PCMA preferred over the peer's PCMU", ours: [.pcma, .pcmu],
                       offered: ["m=audio 5004 RTP/AVP 0 8"], codec: .pcma, payloadType: 8),
        PreferenceCase(description: "PCMU preferred over the peer's PCMA", ours: SDPCodec.defaultPreference,
                       offered: ["m=audio 5004 RTP/AVP 8 0"], codec: .pcmu, payloadType: 0),
        PreferenceCase(description: "only what we enable", ours: [.pcma],
                       offered: ["m=audio 5004 RTP/AVP 111 0 8", "a=rtpmap:111 opus/48000/2"], codec: .pcma, payloadType: 8),
        PreferenceCase(description: "a dynamic number for PCMU", ours: [.pcmu],
                       offered: ["m=audio 5004 RTP/AVP 98", "a=rtpmap:98 pcmu/8000"], codec: .pcmu, payloadType: 98),
        PreferenceCase(description: "rtpmap overrides a static number", ours: [.pcmu, .pcma],
                       offered: ["m=audio 5004 RTP/AVP 0 8", "a=rtpmap:0 PCMA/8000"], codec: .pcma, payloadType: 0),
        PreferenceCase(description: "G722/16000 is not G722", ours: [.g722, .pcmu],
                       offered: ["m=audio 5004 RTP/AVP 96 0", "a=rtpmap:96 G722/16000"], codec: .pcmu, payloadType: 0),
    ])
    func preference(_ testCase: PreferenceCase) throws {
        var negotiator = SDPNegotiator(local: SDPFixtures.settings(codecs: testCase.ours))
        let offer = try SDPFixtures.parse(SDPFixtures.alice() + testCase.offered)
        let (answer, media) = try negotiator.receiveOffer(offer)
        #expect(media.sendCodec == testCase.codec)
        #expect(media.sendPayloadType == testCase.payloadType)
        #expect(media.receivePayloadTypes == [testCase.payloadType: testCase.codec])
        #expect(answer.media[0].formats == [String(testCase.payloadType)])
        #expect(answer.media[0].rtpMap(for: testCase.payloadType).flatMap(SDPCodec.init(rtpMap:)) == testCase.codec)
    }

    @Test func noCommonCodecIs488() throws {
        var negotiator = SDPNegotiator(local: SDPFixtures.settings())
        let offer = try SDPFixtures.parse(SDPFixtures.alice() + [
            "m=audio 49170 RTP/AVP 18 97 101", "a=rtpmap:97 iLBC/8000", "a=rtpmap:101 telephone-event/8000",
            "m=video 51372 RTP/AVP 31", "a=rtpmap:31 H261/90000",
        ])
        let error = SDPNegotiationError(
            kind: .notAcceptable,
            reason: "no audio stream Dialtone can use: stream 1 has no codec in common: offered G729/8000, iLBC/8000, "
                + "telephone-event/8000; Dialtone has opus/48000, G722/8000, PCMU/8000, PCMA/8000; stream 2 is video, not audio")
        #expect(throws: error) { try negotiator.receiveOffer(offer) }
        #expect(error.sipStatus == 488)
        #expect(negotiator.state == .idle)
        #expect(negotiator.lastLocalDescription == nil)
    }

    @Test("streams we cannot take", arguments: [
        (["m=audio 0 RTP/AVP 0"], "stream 1 is disabled (port 0)"),
        (["m=audio 5004 RTP/AVPF 0"], "stream 1 uses transport RTP/AVPF; Dialtone runs RTP/AVP and RTP/SAVP"),
        (["m=audio 5004 UDP/TLS/RTP/SAVPF 0"], "stream 1 uses transport UDP/TLS/RTP/SAVPF; Dialtone runs RTP/AVP and RTP/SAVP"),
        (["m=audio 5004 RTP/AVP 0", "c=IN IP4 239.1.1.1"], "stream 1 has an unusable c= line: 239.1.1.1 is a multicast address"),
        (["m=image 5004 udptl t38"], "stream 1 is image, not audio"),
    ])
    func unusableStreams(section: [String], reason: String) throws {
        var negotiator = SDPNegotiator(local: SDPFixtures.settings())
        let offer = try SDPFixtures.parse(SDPFixtures.alice() + section)
        #expect(throws: SDPNegotiationError(kind: .notAcceptable, reason: "no audio stream Dialtone can use: \(reason)")) {
            try negotiator.receiveOffer(offer)
        }
    }

    @Test func offerWithoutConnectionLineIs488() throws {
        var negotiator = SDPNegotiator(local: SDPFixtures.settings())
        let offer = try SDPFixtures.parse(["v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "t=0 0", "m=audio 5004 RTP/AVP 0"])
        #expect(throws: SDPNegotiationError(kind: .notAcceptable, reason: "no audio stream Dialtone can use: stream 1 has no c= line")) {
            try negotiator.receiveOffer(offer)
        }
    }

    @Test func secondAudioStreamTakenWhenTheFirstIsUnusable() throws {
        var negotiator = SDPNegotiator(local: SDPFixtures.settings())
        let offer = try SDPFixtures.parse(SDPFixtures.alice() + [
            "m=audio 5004 RTP/AVPF 0", "m=video 5006 RTP/AVP 31", "m=audio 5008 RTP/AVP 8 0", "m=audio 5010 RTP/AVP 0",
        ])
        let (answer, media) = try negotiator.receiveOffer(offer)
        #expect(SDPFixtures.mediaLines(answer) == [
            "m=audio 0 RTP/AVPF 0", "m=video 0 RTP/AVP 31", "m=audio 40000 RTP/AVP 0", "m=audio 0 RTP/AVP 0",
        ])
        #expect(media.remoteRTPPort == 5008)
        #expect(media.sendCodec == .pcmu)
    }

    @Test("telephone-event at the offered clock rate", arguments: [
        (["m=audio 5004 RTP/AVP 111 110 126", "a=rtpmap:111 opus/48000/2", "a=rtpmap:110 telephone-event/48000",
          "a=rtpmap:126 telephone-event/8000"], SDPCodec.opus, UInt8?.some(110), 48000),
        (["m=audio 5004 RTP/AVP 0 110 126", "a=rtpmap:110 telephone-event/48000", "a=rtpmap:126 telephone-event/8000"],
         .pcmu, 126, 8000),
        (["m=audio 5004 RTP/AVP 0 97", "a=rtpmap:97 telephone-event/48000"], .pcmu, 97, 48000),
        (["m=audio 5004 RTP/AVP 111 101", "a=rtpmap:111 opus/48000/2", "a=rtpmap:101 telephone-event/8000"], .opus, 101, 8000),
        (["m=audio 5004 RTP/AVP 0"], .pcmu, nil, 8000),
    ] as [([String], SDPCodec, UInt8?, Int)])
    func telephoneEvent(section: [String], codec: SDPCodec, eventType: UInt8?, rate: Int) throws {
        var negotiator = SDPNegotiator(local: SDPFixtures.settings())
        let (answer, media) = try negotiator.receiveOffer(try SDPFixtures.parse(SDPFixtures.alice() + section))
        #expect(media.sendCodec == codec)
        #expect(media.sendTelephoneEvent == eventType)
        #expect(media.receiveTelephoneEvent == eventType)
        #expect(media.telephoneEventClockRate == rate)
        if let eventType {
            #expect(answer.media[0].formats.last == String(eventType))
            #expect(answer.media[0].values(of: "rtpmap").contains("\(eventType) telephone-event/\(rate)"))
            #expect(answer.media[0].fmtp(for: eventType) == "0-16")
        } else {
            #expect(answer.media[0].formats.count == 1)
        }
    }

    @Test func telephoneEventOffWhenDisabled() throws {
        var negotiator = SDPNegotiator(local: SDPFixtures.settings(telephoneEvent: false))
        let offer = try SDPFixtures.parse(SDPFixtures.alice() + ["m=audio 5004 RTP/AVP 0 101", "a=rtpmap:101 telephone-event/8000"])
        let (answer, media) = try negotiator.receiveOffer(offer)
        #expect(answer.media[0].formats == ["0"])
        #expect(media.sendTelephoneEvent == nil)
        #expect(media.receiveTelephoneEvent == nil)
    }

    @Test func opusParameters() throws {
        var settings = SDPFixtures.settings(codecs: [.opus])
        settings.opusStereo = true
        settings.opusBitrate = 64000
        var negotiator = SDPNegotiator(local: settings)
        #expect(negotiator.makeOffer().media[0].fmtp(for: 111) == "useinbandfec=1; stereo=1; sprop-stereo=1; maxaveragebitrate=64000")

        negotiator = SDPNegotiator(local: settings)
        let offer = try SDPFixtures.parse(SDPFixtures.alice() + [
            "m=audio 5004 RTP/AVP 96", "a=rtpmap:96 opus/48000/2",
            "a=fmtp:96 maxplaybackrate=16000;stereo=1; MaxAverageBitrate=20000 ;useinbandfec=0",
        ])
        let (answer, media) = try negotiator.receiveOffer(offer)
        #expect(media.opus == OpusParameters(useInbandFEC: false, stereo: true, maxAverageBitrate: 20000))
        #expect(answer.media[0].fmtp(for: 96) == "useinbandfec=1; stereo=1; sprop-stereo=1; maxaveragebitrate=64000")
        #expect(OpusParameters(fmtp: "maxaveragebitrate=5;useinbandfec=1") == OpusParameters(useInbandFEC: true))
        #expect(OpusParameters(fmtp: nil) == OpusParameters())
    }

    @Test("packet time", arguments: [
        ("a=ptime:30", SDPCodec.pcmu, 30), ("a=ptime:30", .opus, 20), ("a=ptime:40", .opus, 40), ("a=ptime:20.0", .pcmu, 20),
        ("a=tool:none", .pcmu, 20),
    ])
    func packetTime(line: String, codec: SDPCodec, expected: Int) throws {
        var negotiator = SDPNegotiator(local: SDPFixtures.settings(codecs: [codec]))
        let offer = try SDPFixtures.parse(SDPFixtures.alice() + [
            "m=audio 5004 RTP/AVP 0 111", "a=rtpmap:111 opus/48000/2", line,
        ])
        #expect(try negotiator.receiveOffer(offer).media.ptime == expected)
    }

    @Test func rtcpPortAndMediaLevelConnection() throws {
        var negotiator = SDPNegotiator(local: SDPFixtures.settings())
        let offer = try SDPFixtures.parse(SDPFixtures.alice(address: "192.0.2.50") + [
            "m=audio 5004 RTP/AVP 0", "c=IN IP4 198.51.100.7", "a=rtcp:53020 IN IP4 198.51.100.8",
        ])
        let media = try negotiator.receiveOffer(offer).media
        #expect(media.remoteAddress == "198.51.100.7")
        #expect(media.remoteRTCPPort == 53020)
    }

    @Test func stateMachine() throws {
        var negotiator = SDPNegotiator(local: SDPFixtures.settings())
        let pcmu = try SDPFixtures.answer(["m=audio 49172 RTP/AVP 0"])
        #expect(throws: SDPNegotiationError(kind: .wrongState, reason: "an answer arrived but no offer of ours is waiting for one")) {
            try negotiator.receiveAnswer(pcmu)
        }
        _ = negotiator.makeOffer()
        let glare = SDPNegotiationError(kind: .offerPending, reason: "an offer arrived while ours is waiting for its answer")
        #expect(throws: glare) { try negotiator.receiveOffer(pcmu) }
        #expect(glare.sipStatus == 491)
        #expect(negotiator.state == .localOffer)
        negotiator.cancelOffer()
        #expect(negotiator.state == .idle)

        _ = negotiator.makeOffer()
        let first = try negotiator.receiveAnswer(pcmu)
        #expect(negotiator.state == .done)
        // A refused re-offer leaves the agreed media in place.
        _ = negotiator.makeOffer(direction: .sendonly)
        negotiator.cancelOffer()
        #expect(negotiator.state == .done)
        #expect(negotiator.active == first)
        // A broken answer to a re-offer too.
        _ = negotiator.makeOffer()
        #expect(throws: SDPNegotiationError.self) { try negotiator.receiveAnswer(try SDPFixtures.answer(["m=audio 0 RTP/AVP 0"])) }
        #expect(negotiator.state == .done)
        #expect(negotiator.active == first)
        // A refused offer from the peer too.
        #expect(throws: SDPNegotiationError.self) {
            try negotiator.receiveOffer(try SDPFixtures.parse(SDPFixtures.alice() + ["m=audio 5000 RTP/AVP 18"]))
        }
        #expect(negotiator.state == .done)
        #expect(negotiator.active == first)
    }

    @Test func originVersionGoesUpOnlyWhenTheDescriptionChanges() throws {
        var negotiator = SDPNegotiator(local: SDPFixtures.settings())
        #expect(negotiator.makeOffer().origin.sessionVersion == 1)
        #expect(negotiator.makeOffer().origin.sessionVersion == 1)
        _ = try negotiator.receiveAnswer(try SDPFixtures.answer(["m=audio 49172 RTP/AVP 0"]))
        let hold = negotiator.makeOffer(direction: .sendonly)
        #expect(hold.origin.sessionVersion == 2)
        _ = try negotiator.receiveAnswer(try SDPFixtures.answer(["m=audio 49172 RTP/AVP 0", "a=recvonly"]))
        negotiator.local.address = "192.0.2.99"
        negotiator.local.sessionID = 999
        negotiator.local.username = "someone-else"
        let moved = negotiator.makeOffer(direction: .sendonly)
        #expect(moved.origin == SDPOrigin(
            username: "dialtone", sessionID: 4242, sessionVersion: 3, addrType: "IP4", address: "192.0.2.10"))
        #expect(moved.connection == SDPConnection(address: "192.0.2.99"))
        _ = try negotiator.receiveAnswer(try SDPFixtures.answer(["m=audio 49172 RTP/AVP 0", "a=recvonly"]))

        // An answer to the same offer twice is the same description, version unchanged.
        let offer = try SDPFixtures.parse(SDPFixtures.alice() + ["m=audio 5004 RTP/AVP 0"])
        let answer1 = try negotiator.receiveOffer(offer).answer
        let answer2 = try negotiator.receiveOffer(offer).answer
        #expect(answer1.origin.sessionVersion == 4)
        #expect(answer2 == answer1)
    }

    @Test func reOfferKeepsTheStreamsOfTheLastExchange() throws {
        var negotiator = SDPNegotiator(local: SDPFixtures.settings(codecs: [.pcmu]))
        let offer = try SDPFixtures.parse(SDPFixtures.alice() + [
            "m=video 51372 RTP/AVP 31", "m=audio 49170 RTP/AVP 0", "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
        ])
        let answer = try negotiator.receiveOffer(offer).answer
        #expect(SDPFixtures.mediaLines(answer) == [
            "m=video 0 RTP/AVP 31", "m=audio 40000 RTP/AVP 0", "m=application 0 UDP/DTLS/SCTP webrtc-datachannel",
        ])
        let reOffer = negotiator.makeOffer(direction: .sendonly)
        #expect(SDPFixtures.mediaLines(reOffer) == [
            "m=video 0 RTP/AVP 31", "m=audio 40000 RTP/AVP 0 101", "m=application 0 UDP/DTLS/SCTP webrtc-datachannel",
        ])
        let reply = try SDPFixtures.parse(SDPFixtures.alice() + [
            "m=video 0 RTP/AVP 31", "m=audio 49170 RTP/AVP 0", "a=recvonly", "m=application 0 UDP/DTLS/SCTP webrtc-datachannel",
        ])
        #expect(try negotiator.receiveAnswer(reply).direction == .sendonly)
    }
}
