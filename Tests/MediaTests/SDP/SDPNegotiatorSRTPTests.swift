import Testing

@testable import Media

/// SDES-SRTP (RFC 4568) in offers and answers. Decisions:
/// - `.mandatory` offers RTP/SAVP + a=crypto; refuses anything without a usable key.
/// - `.optional` offers RTP/AVP + a=crypto (best effort); takes crypto when the peer agrees.
/// - `.off` ignores crypto in RTP/AVP offers and declines RTP/SAVP.
/// - Usable crypto: AES_CM_128_HMAC_SHA1_80 or _32, one inline 30-byte key, no MKI, no session
///   parameters; the first usable line of the offer wins and the answer reuses its tag.
@Suite("SDPNegotiator: SRTP")
struct SDPNegotiatorSRTPTests {
    static let ourInline = "inline:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd"
    static let peerInline = "inline:" + SDPBase64.encode(SDPFixtures.peerKey)

    @Test("offer transport and crypto line", arguments: [
        (SRTPMode.off, "m=audio 40000 RTP/AVP 0", false),
        (.optional, "m=audio 40000 RTP/AVP 0", true),
        (.mandatory, "m=audio 40000 RTP/SAVP 0", true),
    ])
    func offer(mode: SRTPMode, mediaLine: String, hasCrypto: Bool) {
        var negotiator = SDPNegotiator(local: SDPFixtures.settings(codecs: [.pcmu], srtp: mode, telephoneEvent: false))
        let offer = negotiator.makeOffer()
        #expect(SDPFixtures.mediaLines(offer) == [mediaLine])
        #expect(offer.media[0].values(of: "crypto") == (hasCrypto ? ["1 AES_CM_128_HMAC_SHA1_80 \(Self.ourInline)"] : []))
    }

    @Test func answerWithCryptoGivesBothKeys() throws {
        var negotiator = SDPNegotiator(local: SDPFixtures.settings(codecs: [.pcmu], srtp: .mandatory))
        _ = negotiator.makeOffer()
        let media = try negotiator.receiveAnswer(try SDPFixtures.answer([
            "m=audio 49172 RTP/SAVP 0", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 \(Self.peerInline)",
        ]))
        #expect(media.srtp == SRTPKeys(suite: .aesCM128HMACSHA1_80, localKey: SDPFixtures.localKey, remoteKey: SDPFixtures.peerKey))
        #expect(media.description == "PCMU/8000 sendrecv SRTP")
        #expect(media.srtp?.description == "AES_CM_128_HMAC_SHA1_80 (keys hidden)")
        #expect(media.srtp?.suiteName == "AES_CM_128_HMAC_SHA1_80")
    }

    @Test("answers refused or accepted", arguments: [
        (SRTPMode.mandatory, ["m=audio 49172 RTP/SAVP 0"], "the answer has no a=crypto line and SRTP is mandatory"),
        (.mandatory, ["m=audio 49172 RTP/AVP 0", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 \(peerInline)"],
         "the answer changed the transport to RTP/AVP; our offer required RTP/SAVP"),
        (.mandatory, ["m=audio 49172 RTP/SAVP 0", "a=crypto:2 AES_CM_128_HMAC_SHA1_80 \(peerInline)"],
         "the answer's a=crypto (tag 2, AES_CM_128_HMAC_SHA1_80) does not match our offer (tag 1, AES_CM_128_HMAC_SHA1_80)"),
        (.optional, ["m=audio 49172 RTP/AVP 0", "a=crypto:1 AES_CM_128_HMAC_SHA1_32 \(peerInline)"],
         "the answer's a=crypto (tag 1, AES_CM_128_HMAC_SHA1_32) does not match our offer (tag 1, AES_CM_128_HMAC_SHA1_80)"),
        (.optional, ["m=audio 49172 RTP/AVP 0", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:AAAA"],
         "the answer's SRTP key is not one inline 30-byte key without MKI or session parameters"),
        (.optional, ["m=audio 49172 RTP/SAVP 0"], "the answer uses RTP/SAVP without an a=crypto line"),
        (.optional, ["m=audio 49172 RTP/AVP 0"], nil),
    ] as [(SRTPMode, [String], String?)])
    func answers(mode: SRTPMode, sections: [String], reason: String?) throws {
        var negotiator = SDPNegotiator(local: SDPFixtures.settings(codecs: [.pcmu], srtp: mode))
        _ = negotiator.makeOffer()
        let answer = try SDPFixtures.answer(sections)
        if let reason {
            #expect(throws: SDPNegotiationError(kind: .invalidAnswer, reason: reason)) { try negotiator.receiveAnswer(answer) }
        } else {
            #expect(try negotiator.receiveAnswer(answer).srtp == nil)
        }
    }

    struct OfferCase: Sendable, CustomStringConvertible {
        let description: String
        let mode: SRTPMode
        let section: [String]
        /// nil: refused with `reason`.
        let answerLines: [String]?
        let keys: SRTPKeys?
        var reason: String = ""
    }

    static let offerCases: [OfferCase] = [
        OfferCase(
            description: "SAVP offer, optional", mode: .optional,
            section: ["m=audio 5004 RTP/SAVP 0", "a=crypto:7 AES_CM_128_HMAC_SHA1_32 \(peerInline)"],
            answerLines: ["m=audio 40000 RTP/SAVP 0", "a=crypto:7 AES_CM_128_HMAC_SHA1_32 \(ourInline)"],
            keys: SRTPKeys(suite: .aesCM128HMACSHA1_32, localKey: SDPFixtures.localKey, remoteKey: SDPFixtures.peerKey)),
        OfferCase(
            description: "AVP offer with crypto, mandatory", mode: .mandatory,
            section: ["m=audio 5004 RTP/AVP 0", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 \(peerInline)"],
            answerLines: ["m=audio 40000 RTP/AVP 0", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 \(ourInline)"],
            keys: SRTPKeys(suite: .aesCM128HMACSHA1_80, localKey: SDPFixtures.localKey, remoteKey: SDPFixtures.peerKey)),
        OfferCase(
            description: "first usable crypto line wins", mode: .mandatory,
            section: [
                "m=audio 5004 RTP/SAVP 0", "a=crypto:1 AEAD_AES_256_GCM inline:AAAA",
                "a=crypto:2 AES_CM_128_HMAC_SHA1_80 \(peerInline)|2^20|1:4",
                "a=crypto:3 AES_CM_128_HMAC_SHA1_80 \(peerInline) KDR=1",
                "a=crypto:4 AES_CM_128_HMAC_SHA1_80 \(peerInline)|2^31",
            ],
            answerLines: ["m=audio 40000 RTP/SAVP 0", "a=crypto:4 AES_CM_128_HMAC_SHA1_80 \(ourInline)"],
            keys: SRTPKeys(suite: .aesCM128HMACSHA1_80, localKey: SDPFixtures.localKey, remoteKey: SDPFixtures.peerKey)),
        OfferCase(
            description: "AVP offer with crypto, SRTP off", mode: .off,
            section: ["m=audio 5004 RTP/AVP 0", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 \(peerInline)"],
            answerLines: ["m=audio 40000 RTP/AVP 0"], keys: nil),
        OfferCase(
            description: "AVP offer with unusable crypto, optional", mode: .optional,
            section: ["m=audio 5004 RTP/AVP 0", "a=crypto:1 AES_256_CM_HMAC_SHA1_80 \(peerInline)"],
            answerLines: ["m=audio 40000 RTP/AVP 0"], keys: nil),
        OfferCase(
            description: "SAVP offer, SRTP off", mode: .off, section: ["m=audio 5004 RTP/SAVP 0", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 \(peerInline)"],
            answerLines: nil, keys: nil, reason: "stream 1 requires SRTP (RTP/SAVP) and SRTP is off"),
        OfferCase(
            description: "plain offer, mandatory", mode: .mandatory, section: ["m=audio 5004 RTP/AVP 0"],
            answerLines: nil, keys: nil, reason: "stream 1 has no a=crypto line and SRTP is mandatory"),
        OfferCase(
            description: "only an MKI key, mandatory", mode: .mandatory,
            section: ["m=audio 5004 RTP/SAVP 0", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 \(peerInline)|1:4"],
            answerLines: nil, keys: nil,
            reason: "stream 1 offers no SRTP key Dialtone can use (offered AES_CM_128_HMAC_SHA1_80; Dialtone runs "
                + "AES_CM_128_HMAC_SHA1_80, AES_CM_128_HMAC_SHA1_32 with one inline key, no MKI)"),
    ]

    @Test("offers", arguments: offerCases)
    func offers(_ testCase: OfferCase) throws {
        var negotiator = SDPNegotiator(local: SDPFixtures.settings(codecs: [.pcmu], srtp: testCase.mode, telephoneEvent: false))
        let offer = try SDPFixtures.parse(SDPFixtures.alice() + testCase.section)
        guard let expected = testCase.answerLines else {
            #expect(throws: SDPNegotiationError(kind: .notAcceptable, reason: "no audio stream Dialtone can use: \(testCase.reason)")) {
                try negotiator.receiveOffer(offer)
            }
            return
        }
        let (answer, media) = try negotiator.receiveOffer(offer)
        let lines = answer.text.split(separator: "\r\n").map(String.init)
        #expect(Array(lines.filter { $0.hasPrefix("m=") || $0.hasPrefix("a=crypto") }) == expected)
        #expect(media.srtp == testCase.keys)
    }

    @Test func mandatoryWithABadKeyFailsClearly() throws {
        var settings = SDPFixtures.settings(codecs: [.pcmu], srtp: .mandatory)
        settings.srtpKey = [1, 2, 3]
        var negotiator = SDPNegotiator(local: settings)
        let offer = negotiator.makeOffer()
        #expect(SDPFixtures.mediaLines(offer) == ["m=audio 40000 RTP/SAVP 0 101"])
        #expect(offer.media[0].cryptos.isEmpty)
        #expect(throws: SDPNegotiationError(
            kind: .invalidAnswer, reason: "SRTP is mandatory but our master key is 3 bytes, not 30, so we could not offer it")) {
            try negotiator.receiveAnswer(try SDPFixtures.answer(["m=audio 5004 RTP/SAVP 0"]))
        }
        let peerOffer = try SDPFixtures.parse(SDPFixtures.alice() + [
            "m=audio 5004 RTP/SAVP 0", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 \(Self.peerInline)",
        ])
        #expect(throws: SDPNegotiationError(
            kind: .notAcceptable, reason: "no audio stream Dialtone can use: stream 1 needs SRTP, but our master key is 3 bytes, not 30")) {
            try negotiator.receiveOffer(peerOffer)
        }
    }
}
