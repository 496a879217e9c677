import Testing

@testable import Media

@Suite("SessionDescription parsing and serializing")
struct SessionDescriptionTests {
    static let webRTCLike = [
        "v=0",
        "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
        "s=-",
        "t=0 0",
        "a=group:BUNDLE 0",
        "a=msid-semantic: WMS",
        "m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 110 126",
        "c=IN IP4 0.0.0.0",
        "a=rtcp:9 IN IP4 0.0.0.0",
        "a=ice-ufrag:GVWP",
        "a=fingerprint:sha-256 F3:A4:D1:09:55:4A",
        "a=setup:actpass",
        "a=mid:0",
        "a=sendrecv",
        "a=rtcp-mux",
        "a=rtpmap:111 opus/48000/2",
        "a=rtcp-fb:111 transport-cc",
        "a=fmtp:111 minptime=10;useinbandfec=1",
        "a=rtpmap:63 red/48000/2",
        "a=fmtp:63 111/111",
        "a=rtpmap:9 G722/8000",
        "a=rtpmap:0 PCMU/8000",
        "a=rtpmap:8 PCMA/8000",
        "a=rtpmap:110 telephone-event/48000",
        "a=rtpmap:126 telephone-event/8000",
        "a=ssrc:2607947206 cname:z8aoN2l/L7oiSqrJ",
    ]

    /// Descriptions with lines Dialtone does not interpret, odd spacing and odd order: each must
    /// come back byte for byte.
    static let oddDescriptions: [(String, [String])] = [
        ("every RFC 8866 line type", [
            "v=0", "o=jdoe 2890844526 2890842807 IN IP4 10.47.16.5", "s=SDP Seminar",
            "i=A Seminar on the session description protocol", "u=http://www.example.com/seminars/sdp.pdf",
            "e=j.doe@example.com (Jane Doe)", "p=+1 617 555-6011", "c=IN IP4 224.2.17.12/127", "b=CT:128",
            "t=2873397496 2873404696", "r=7d 1h 0 25h", "z=2882844526 -1h 2898848070 0", "k=prompt",
            "a=recvonly", "m=audio 49170 RTP/AVP 0", "i=voice", "b=AS:64", "k=prompt",
            "m=video 51372/2 RTP/AVP 99", "a=rtpmap:99 h263-1998/90000",
        ]),
        ("WebRTC offer", webRTCLike),
        ("extra spaces and trailing blanks", [
            "v=0 ", "o=-  1   2 IN IP4 192.0.2.1", "s= ", "c=IN  IP4 192.0.2.1", "t=0  0",
            "m=audio  5004  RTP/AVP  0  8", "a=sendrecv ", "a=ptime:20.0", "a=x-empty:",
        ]),
        ("lines out of RFC order and unknown letters", [
            "v=0", "o=- 1 1 IN IP6 2001:db8::1", "s=-", "t=0 0", "c=IN IP6 2001:db8::1", "y=unknown letter",
            "a=tool:x", "b=AS:80", "m=audio 5004 RTP/AVP 0", "a=rtpmap:0 PCMU/8000", "c=IN IP6 2001:db8::2",
            "x=also unknown",
        ]),
        ("UTF-8 session name and tabs", ["v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=Café\tcall ☎", "t=0 0"]),
    ]

    @Test("odd descriptions round-trip byte for byte", arguments: oddDescriptions.map(\.0))
    func roundTrip(name: String) throws {
        let lines = try #require(Self.oddDescriptions.first { $0.0 == name }).1
        let text = SDPFixtures.text(lines)
        let description = try SessionDescription(parsing: text)
        #expect(description.text == text)
        #expect(description.bytes == Array(text.utf8))
        #expect(try SessionDescription(parsing: description.bytes) == description)
    }

    @Test func keepsUnknownLinesInOrder() throws {
        let description = try SDPFixtures.parse(Self.oddDescriptions[0].1)
        #expect(description.otherLines.map(\.type) == ["i", "u", "e", "p", "r", "z", "k"])
        #expect(description.otherLines[4].value == "7d 1h 0 25h")
        #expect(description.media[0].otherLines == [SDPOtherLine(type: "i", value: "voice"), SDPOtherLine(type: "k", value: "prompt")])
        #expect(description.media[1].portCount == 2)
        #expect(description.connection?.address == "224.2.17.12/127")
        #expect(description.bandwidths == [SDPBandwidth(type: "CT", value: 128)])
        #expect(description.media[0].bandwidths == [SDPBandwidth(type: "AS", value: 64)])
        #expect(description.timing == SDPTiming(start: 2_873_397_496, stop: 2_873_404_696))
    }

    @Test func readsTheFields() throws {
        let description = try SDPFixtures.parse(Self.webRTCLike)
        #expect(description.origin == SDPOrigin(
            username: "-", sessionID: 4_611_731_400_430_051_336, sessionVersion: 2, addrType: "IP4", address: "127.0.0.1"))
        #expect(description.sessionName == "-")
        #expect(description.connection == nil)
        #expect(description.attributes == [SDPAttribute("group", "BUNDLE 0"), SDPAttribute("msid-semantic", " WMS")])
        let audio = description.media[0]
        #expect(audio.media == "audio")
        #expect(audio.port == 9)
        #expect(audio.proto == "UDP/TLS/RTP/SAVPF")
        #expect(audio.formats == ["111", "63", "9", "0", "8", "110", "126"])
        #expect(audio.connection == SDPConnection(netType: "IN", addrType: "IP4", address: "0.0.0.0"))
        #expect(description.connection(for: audio)?.isHoldAddress == true)
        #expect(audio.rtpMap(for: 111) == SDPRTPMap(payloadType: 111, encodingName: "opus", clockRate: 48000, channels: 2))
        #expect(audio.rtpMap(for: 110)?.isTelephoneEvent == true)
        #expect(audio.fmtp(for: 111) == "minptime=10;useinbandfec=1")
        #expect(audio.fmtp(for: 9) == nil)
        #expect(audio.direction == .sendrecv)
        #expect(audio.rtcp == SDPRTCPAttribute(port: 9, connection: SDPConnection(addrType: "IP4", address: "0.0.0.0")))
        #expect(audio.rtcpPort == 9)
        #expect(audio.attribute(named: "rtcp-mux") == SDPAttribute("rtcp-mux"))
        #expect(audio.values(of: "rtcp-fb") == ["111 transport-cc"])
    }

    @Test func staticPayloadTypesWithoutRTPMap() throws {
        let description = try SDPFixtures.parse(SDPFixtures.alice() + ["m=audio 49170 RTP/AVP 0 8 9 18 96"])
        let audio = description.media[0]
        #expect(audio.rtpMap(for: 0) == SDPRTPMap(payloadType: 0, encodingName: "PCMU", clockRate: 8000))
        #expect(audio.rtpMap(for: 9)?.clockRate == 8000)
        #expect(audio.rtpMap(for: 18)?.encodingName == "G729")
        #expect(audio.rtpMap(for: 96) == nil)
        #expect(audio.payloadTypes == [0, 8, 9, 18, 96])
        #expect(audio.rtcpPort == 49171)
        #expect(audio.ptime == nil)
        #expect(audio.direction == nil)
        #expect(description.direction(for: audio) == .sendrecv)
    }

    @Test func sessionLevelDirectionAppliesWhenTheStreamHasNone() throws {
        let description = try SDPFixtures.parse(
            SDPFixtures.alice() + ["a=sendonly", "m=audio 49170 RTP/AVP 0", "m=audio 49172 RTP/AVP 0", "a=inactive"])
        #expect(description.direction(for: description.media[0]) == .sendonly)
        #expect(description.direction(for: description.media[1]) == .inactive)
    }

    @Test func cryptoAttributes() throws {
        let key = SDPBase64.encode(SDPFixtures.peerKey)
        let description = try SDPFixtures.parse(SDPFixtures.alice() + [
            "m=audio 49170 RTP/SAVP 0",
            "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:\(key)|2^20|1:4",
            "a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:\(key) KDR=1 UNENCRYPTED_SRTCP",
            "a=crypto:3 AEAD_AES_256_GCM inline:AAAA",
        ])
        let cryptos = description.media[0].cryptos
        #expect(cryptos.count == 3)
        #expect(cryptos[0].tag == 1)
        #expect(cryptos[0].knownSuite == .aesCM128HMACSHA1_80)
        #expect(cryptos[0].inlineKey == SDPInlineKey(key: SDPFixtures.peerKey, lifetime: "2^20", mki: "1:4"))
        #expect(cryptos[1].knownSuite == .aesCM128HMACSHA1_32)
        #expect(cryptos[1].sessionParameters == ["KDR=1", "UNENCRYPTED_SRTCP"])
        #expect(cryptos[2].knownSuite == nil)
        #expect(cryptos[2].inlineKey?.key == [0, 0, 0])
    }

    @Test func bareLineFeedsAreReadAndWrittenAsCRLF() throws {
        let lines = ["v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "t=0 0", "m=audio 5004 RTP/AVP 0"]
        let lf = lines.joined(separator: "\n") + "\n"
        let description = try SessionDescription(parsing: lf)
        #expect(description.text == SDPFixtures.text(lines))
        let noFinalNewline = try SessionDescription(parsing: lines.joined(separator: "\r\n"))
        #expect(noFinalNewline.text == SDPFixtures.text(lines))
        let trailingBlankLines = try SessionDescription(parsing: SDPFixtures.text(lines) + "\r\n\r\n")
        #expect(trailingBlankLines.text == SDPFixtures.text(lines))
    }

    @Test func changingOneValueRewritesOnlyItsLine() throws {
        let lines = Self.oddDescriptions[2].1
        var description = try SDPFixtures.parse(lines)
        description.media[0].port = 6000
        var origin = description.origin
        origin.sessionVersion += 1
        description.origin = origin
        var expected = lines
        expected[1] = "o=- 1 3 IN IP4 192.0.2.1"
        expected[5] = "m=audio 6000 RTP/AVP 0 8"
        #expect(description.text == SDPFixtures.text(expected))
        // Setting a field to the value it has keeps the line as written.
        description.connection = description.connection
        description.media[0].attributes = description.media[0].attributes
        #expect(description.text == SDPFixtures.text(expected))
    }

    @Test func newLinesGoWhereRFC8866OrdersThem() throws {
        var description = try SDPFixtures.parse(["v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "t=0 0", "m=audio 5004 RTP/AVP 0"])
        description.connection = SDPConnection(address: "192.0.2.1")
        description.bandwidths = [SDPBandwidth(type: "AS", value: 64)]
        description.attributes = [SDPAttribute("tool", "dialtone")]
        description.media[0].attributes = [SDPAttribute("sendrecv")]
        description.media[0].connection = SDPConnection(address: "2001:db8::5")
        #expect(description.text == SDPFixtures.text([
            "v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1", "b=AS:64", "t=0 0", "a=tool:dialtone",
            "m=audio 5004 RTP/AVP 0", "c=IN IP6 2001:db8::5", "a=sendrecv",
        ]))
        description.connection = nil
        description.media[0].connection = nil
        #expect(!description.text.contains("c="))
    }

    @Test func builtDescriptionsParseBackEqual() throws {
        let description = SessionDescription(
            origin: SDPOrigin(username: "u", sessionID: 7, sessionVersion: 9, addrType: "IP4", address: "192.0.2.1"),
            connection: SDPConnection(address: "192.0.2.1"),
            attributes: [SDPAttribute("recvonly")],
            media: [MediaDescription(
                media: "audio", port: 4000, proto: "RTP/AVP", formats: ["0"], bandwidths: [SDPBandwidth(type: "TIAS", value: 64000)],
                attributes: [SDPAttribute("rtpmap", "0 PCMU/8000"), SDPAttribute("ptime", "30")])])
        #expect(description.text == SDPFixtures.text([
            "v=0", "o=u 7 9 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1", "t=0 0", "a=recvonly",
            "m=audio 4000 RTP/AVP 0", "b=TIAS:64000", "a=rtpmap:0 PCMU/8000", "a=ptime:30",
        ]))
        let parsed = try SessionDescription(parsing: description.text)
        #expect(parsed == description)
        #expect(parsed.media[0].ptime == 30)
        #expect(parsed.description == description.text)
    }
}
