import Testing

@testable import Media

@Suite("SDPLocalSettings")
struct SDPLocalSettingsTests {
    @Test func settingsValidation() {
        #expect(throws: Never.self) { try SDPFixtures.settings(srtp: .mandatory).validate() }
        var settings = SDPFixtures.settings()
        settings.address = "0.0.0.0"
        #expect(throws: SDPNegotiationError.self) { try settings.validate() }
        settings.address = "phone.example.com"
        #expect(throws: SDPNegotiationError(
            kind: .invalidSettings, reason: "the media address \"phone.example.com\" is not an IPv4 or IPv6 address")) {
            try settings.validate()
        }
        settings = SDPFixtures.settings(codecs: [.opus])
        settings.ptime = 30
        #expect(throws: SDPNegotiationError(kind: .invalidSettings, reason: "a packet time of 30 ms does not work with opus")) {
            try settings.validate()
        }
        settings = SDPFixtures.settings()
        settings.opusBitrate = 1000
        #expect(throws: SDPNegotiationError.self) { try settings.validate() }
        settings = SDPFixtures.settings(srtp: .optional)
        settings.srtpKey = [1, 2, 3]
        #expect(throws: SDPNegotiationError(
            kind: .invalidSettings, reason: "the SRTP master key is 3 bytes; AES_CM_128_HMAC_SHA1_80 needs 30")) {
            try settings.validate()
        }
        settings.rtpPort = 0
        #expect(throws: SDPNegotiationError.self) { try settings.validate() }
        #expect(!SDPFixtures.settings(srtp: .mandatory).description.contains("AAEC"))
    }

    @Test func hostileSettingsNeverBreakALine() throws {
        var settings = SDPFixtures.settings(codecs: [])
        settings.username = "evil\r\nm=video 1 RTP/AVP 31"
        settings.address = "192.0.2.1\r\na=inject"
        var negotiator = SDPNegotiator(local: settings)
        let offer = negotiator.makeOffer()
        #expect(offer.text.split(separator: "\r\n").count == 15)
        #expect(!offer.text.contains("\r\na=inject"))
        #expect(offer.origin.username == "evil--m=video-1-RTP/AVP-31")
        #expect(try SessionDescription(parsing: offer.text) == offer)
        #expect(offer.media.count == 1)
        #expect(offer.media[0].formats == ["111", "9", "0", "8", "101"])
    }
}
