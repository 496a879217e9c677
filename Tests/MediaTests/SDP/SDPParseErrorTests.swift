import Testing

@testable import Media

@Suite("SDPParseError: malformed descriptions fail with the line and the reason")
struct SDPParseErrorTests {
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let text: String
        let line: Int
        let kind: SDPParseError.Kind
        var description: String { name }
    }

    static let head = ["v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "t=0 0"]

    static func lines(_ extra: [String]) -> String { SDPFixtures.text(head + extra) }

    static let cases: [Case] = [
        Case(name: "empty body", text: "", line: 0, kind: .empty),
        Case(name: "only line ends", text: "\r\n\r\n", line: 0, kind: .empty),
        Case(name: "blank line inside", text: "v=0\r\n\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n", line: 2, kind: .emptyLine),
        Case(name: "lone CR inside a line", text: lines(["a=tool:x\ry"]), line: 5, kind: .controlCharacter),
        Case(name: "NUL byte", text: lines(["a=tool:\u{0}"]), line: 5, kind: .controlCharacter),
        Case(name: "no equals sign", text: lines(["hello"]), line: 5, kind: .notTypeEqualsValue),
        Case(name: "uppercase type", text: lines(["A=sendrecv"]), line: 5, kind: .notTypeEqualsValue),
        Case(name: "single character", text: lines(["a"]), line: 5, kind: .notTypeEqualsValue),
        Case(name: "space before equals", text: lines(["a =sendrecv"]), line: 5, kind: .notTypeEqualsValue),
        Case(name: "does not start with v=", text: "o=- 1 1 IN IP4 192.0.2.1\r\n", line: 1, kind: .expectedLine("v=")),
        Case(name: "s= before o=", text: "v=0\r\ns=-\r\n", line: 2, kind: .expectedLine("o=")),
        Case(name: "ends after o=", text: "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\n", line: 3, kind: .expectedLine("s=")),
        Case(name: "second o=", text: lines(["o=- 2 2 IN IP4 192.0.2.1"]), line: 5, kind: .duplicateLine("o=")),
        Case(name: "o= in a media section", text: lines(["m=audio 1 RTP/AVP 0", "o=- 1 1 IN IP4 192.0.2.1"]), line: 6, kind: .misplacedLine("o=")),
        Case(name: "t= in a media section", text: lines(["m=audio 1 RTP/AVP 0", "t=0 0"]), line: 6, kind: .misplacedLine("t=")),
        Case(name: "version 1", text: "v=1\r\n", line: 1, kind: .unsupportedVersion("1")),
        Case(
            name: "origin with 5 fields", text: "v=0\r\no=- 1 1 IN IP4\r\ns=-\r\n", line: 2,
            kind: .malformedOrigin("o= needs 6 fields \"<username> <sess-id> <sess-version> <nettype> <addrtype> <address>\", got 5")),
        Case(
            name: "origin id overflows 64 bits", text: "v=0\r\no=- 18446744073709551616 1 IN IP4 192.0.2.1\r\ns=-\r\n", line: 2,
            kind: .malformedOrigin("o= session id \"18446744073709551616\" is not a decimal number below 2^64")),
        Case(
            name: "origin version not a number", text: "v=0\r\no=- 1 x IN IP4 192.0.2.1\r\ns=-\r\n", line: 2,
            kind: .malformedOrigin("o= session version \"x\" is not a decimal number below 2^64")),
        Case(
            name: "connection without address", text: lines(["c=IN IP4"]), line: 5,
            kind: .malformedConnection("c= needs 3 fields \"<nettype> <addrtype> <address>\", got 2")),
        Case(
            name: "bandwidth without colon", text: lines(["b=AS64"]), line: 5,
            kind: .malformedBandwidth("b= needs \"<bwtype>:<bandwidth>\", got \"AS64\"")),
        Case(
            name: "bandwidth not a number", text: lines(["b=AS:lots"]), line: 5,
            kind: .malformedBandwidth("b= bandwidth \"lots\" is not a decimal number")),
        Case(
            name: "timing with one field", text: lines(["t=0"]), line: 5,
            kind: .malformedTiming("t= needs 2 fields \"<start> <stop>\", got 1")),
        Case(
            name: "media without formats", text: lines(["m=audio 5004 RTP/AVP"]), line: 5,
            kind: .malformedMedia("m= needs \"<media> <port> <proto> <fmt> ...\" with at least one format, got 3 fields")),
        Case(
            name: "media port too large", text: lines(["m=audio 70000 RTP/AVP 0"]), line: 5,
            kind: .malformedMedia("m= port \"70000\" is not a number from 0 to 65535")),
        Case(
            name: "media port count zero", text: lines(["m=audio 5004/0 RTP/AVP 0"]), line: 5,
            kind: .malformedMedia("m= port count in \"5004/0\" is not a number from 1 to 65535")),
        Case(name: "attribute without name", text: lines(["a=:x"]), line: 5, kind: .malformedAttribute("a= has no attribute name")),
        Case(
            name: "rtpmap without clock rate", text: lines(["m=audio 5004 RTP/AVP 96", "a=rtpmap:96 opus"]), line: 6,
            kind: .malformedAttribute("a=rtpmap encoding \"opus\" is not \"<name>/<clock rate>[/<channels>]\"")),
        Case(
            name: "rtpmap payload type 128", text: lines(["m=audio 5004 RTP/AVP 0", "a=rtpmap:128 PCMU/8000"]), line: 6,
            kind: .malformedAttribute("a=rtpmap payload type \"128\" is not a number from 0 to 127")),
        Case(
            name: "rtpmap channels not a number", text: lines(["m=audio 5004 RTP/AVP 96", "a=rtpmap:96 opus/48000/two"]), line: 6,
            kind: .malformedAttribute("a=rtpmap channel count \"two\" is not a number from 1 to 255")),
        Case(name: "fmtp without format", text: lines(["m=audio 5004 RTP/AVP 0", "a=fmtp:"]), line: 6,
             kind: .malformedAttribute("a=fmtp needs \"<format> <parameters>\"")),
        Case(name: "ptime not a number", text: lines(["m=audio 5004 RTP/AVP 0", "a=ptime:twenty"]), line: 6,
             kind: .malformedAttribute("a=ptime \"twenty\" is not a number of milliseconds")),
        Case(name: "rtcp port not a number", text: lines(["m=audio 5004 RTP/AVP 0", "a=rtcp:x"]), line: 6,
             kind: .malformedAttribute("a=rtcp port \"x\" is not a number from 0 to 65535")),
        Case(name: "rtcp with half an address", text: lines(["m=audio 5004 RTP/AVP 0", "a=rtcp:5005 IN IP4"]), line: 6,
             kind: .malformedAttribute("a=rtcp needs \"<port> [<nettype> <addrtype> <address>]\", got \"5005 IN IP4\"")),
        Case(name: "crypto without key", text: lines(["m=audio 5004 RTP/SAVP 0", "a=crypto:1 AES_CM_128_HMAC_SHA1_80"]), line: 6,
             kind: .malformedAttribute("a=crypto needs \"<tag> <crypto-suite> <key-params> [<session-params>]\", got \"1 AES_CM_128_HMAC_SHA1_80\"")),
        Case(name: "crypto tag not a number", text: lines(["m=audio 5004 RTP/SAVP 0", "a=crypto:one AES_CM_128_HMAC_SHA1_80 inline:AAAA"]), line: 6,
             kind: .malformedAttribute("a=crypto tag \"one\" is not a number of at most 9 digits")),
    ]

    @Test("malformed input", arguments: cases)
    func malformed(_ testCase: Case) {
        #expect(throws: SDPParseError(line: testCase.line, kind: testCase.kind)) {
            try SessionDescription(parsing: testCase.text)
        }
    }

    @Test func descriptionNamesTheLine() {
        let error = SDPParseError(line: 5, kind: .malformedBandwidth("b= bandwidth \"lots\" is not a decimal number"))
        #expect(error.description == "SDP line 5: b= bandwidth \"lots\" is not a decimal number")
        #expect(SDPParseError(line: 0, kind: .empty).description == "SDP: the session description is empty")
    }

    @Test func oversizedBodyIsRefusedBeforeParsing() {
        let body = SDPFixtures.text(Self.head) + "a=x:" + String(repeating: "y", count: SessionDescription.maximumBytes) + "\r\n"
        let size = body.utf8.count
        #expect(throws: SDPParseError(line: 0, kind: .tooLarge(bytes: size))) { try SessionDescription(parsing: body) }
        #expect(throws: SDPParseError(line: 0, kind: .tooLarge(bytes: size))) { try SessionDescription(parsing: Array(body.utf8)) }
    }

    @Test func sixtyFourMediaSectionsAreTheLimit() throws {
        let sections = Array(repeating: "m=audio 0 RTP/AVP 0", count: SessionDescription.maximumMediaSections)
        let atLimit = try SessionDescription(parsing: Self.lines(sections))
        #expect(atLimit.media.count == 64)
        #expect(throws: SDPParseError(line: 5 + 64, kind: .tooManyMediaSections(limit: 64))) {
            try SessionDescription(parsing: Self.lines(sections + ["m=audio 0 RTP/AVP 0"]))
        }
    }

    @Test func invalidUTF8IsRefused() {
        var bytes = Array(SDPFixtures.text(Self.head).utf8)
        bytes += [UInt8(ascii: "s"), UInt8(ascii: "="), 0xC3, 0x28, 13, 10]
        #expect(throws: SDPParseError(line: 0, kind: .invalidUTF8)) { try SessionDescription(parsing: bytes) }
    }

    /// Arbitrary bytes never trap: every prefix of a real description, and every single-byte
    /// corruption of it, either parses or throws.
    @Test func mangledInputNeverTraps() {
        let original = Array(SDPFixtures.text(SessionDescriptionTests.webRTCLike).utf8)
        var parsed = 0
        for end in 0...original.count {
            if (try? SessionDescription(parsing: Array(original[..<end]))) != nil { parsed += 1 }
        }
        for index in stride(from: 0, to: original.count, by: 7) {
            for replacement: UInt8 in [0, 13, 32, 58, 61, 0xFF] {
                var bytes = original
                bytes[index] = replacement
                _ = try? SessionDescription(parsing: bytes)
            }
        }
        #expect(parsed > 0)
    }
}
