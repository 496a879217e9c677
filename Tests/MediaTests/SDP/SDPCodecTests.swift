import Testing

@testable import Media

@Suite("SDPCodec: codecs as data")
struct SDPCodecTests {
    @Test func properties() {
        #expect(SDPCodec.allCases.map(\.encodingName) == ["opus", "G722", "PCMU", "PCMA"])
        #expect(SDPCodec.allCases.map(\.clockRate) == [48000, 8000, 8000, 8000])
        #expect(SDPCodec.allCases.map(\.channels) == [2, 1, 1, 1])
        #expect(SDPCodec.allCases.map(\.staticPayloadType) == [nil, 9, 0, 8])
        #expect(SDPCodec.allCases.map(\.offeredPayloadType) == [111, 9, 0, 8])
        #expect(SDPCodec.allCases.map(\.rtpMapEncoding) == ["opus/48000/2", "G722/8000", "PCMU/8000", "PCMA/8000"])
        #expect(SDPCodec.defaultPreference == [.opus, .g722, .pcmu, .pcma])
    }

    @Test("parseList", arguments: [
        ("pcmu,pcma,opus,g722", [SDPCodec.pcmu, .pcma, .opus, .g722]),
        ("OPUS", [.opus]),
        ("PcMa , g722", [.pcma, .g722]),
        ("pcmu,opus,PCMU,pcmu", [.pcmu, .opus]),
    ])
    func parseList(text: String, expected: [SDPCodec]) throws {
        #expect(try SDPCodec.parseList(text) == expected)
    }

    @Test("parseList errors", arguments: [
        ("", SDPCodecListError.Kind.empty),
        ("  ", .empty),
        ("pcmu,,opus", .emptyItem(position: 2)),
        ("pcmu,", .emptyItem(position: 2)),
        ("pcmu,g729", .unknown("g729")),
        ("g.722", .unknown("g.722")),
    ])
    func parseListErrors(text: String, kind: SDPCodecListError.Kind) {
        #expect(throws: SDPCodecListError(kind: kind)) { try SDPCodec.parseList(text) }
    }

    @Test func errorsNameTheBadItem() {
        #expect(SDPCodecListError(kind: .unknown("g729")).description == "unknown codec \"g729\"; Dialtone knows opus, g722, pcmu, pcma")
        #expect(SDPCodecListError(kind: .empty).description.contains("empty"))
    }

    @Test("matching by name, clock rate and channels", arguments: [
        ("opus", 48000, 2, SDPCodec?.some(.opus)),
        ("OPUS", 48000, nil, .opus),
        ("opus", 48000, 1, nil),
        ("opus", 16000, 2, nil),
        ("g722", 8000, nil, .g722),
        ("G722", 16000, nil, nil),
        ("pcmu", 8000, 1, .pcmu),
        ("PCMU", 8000, 2, nil),
        ("PCMA", 8000, nil, .pcma),
        ("iLBC", 8000, nil, nil),
    ] as [(String, Int, Int?, SDPCodec?)])
    func matching(name: String, rate: Int, channels: Int?, expected: SDPCodec?) {
        #expect(SDPCodec(rtpMap: SDPRTPMap(payloadType: 96, encodingName: name, clockRate: rate, channels: channels)) == expected)
    }

    @Test func packetTimes() {
        #expect(SDPCodec.opus.supportsPacketTime(20))
        #expect(!SDPCodec.opus.supportsPacketTime(30))
        #expect(SDPCodec.pcmu.supportsPacketTime(30))
        #expect(!SDPCodec.pcma.supportsPacketTime(25))
        #expect(!SDPCodec.g722.supportsPacketTime(70))
    }
}
