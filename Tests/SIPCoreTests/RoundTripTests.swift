import Testing
@testable import SIPCore

/// Parse → serialize gives back the same octets; parse → serialize → parse gives the
/// same message, also after changes made in code.
@Suite struct RoundTripTests {
    static let validTorture = Fixtures.torture.filter { ["valid", "valid-but-semantically-odd"].contains($0.expected) }
        .map { "rfc4475/\($0.name).dat" }
    static let corpus = validTorture + Fixtures.files(under: "perf", ext: "sip") + Fixtures.files(under: "rfc3665", ext: "sip")

    @Test func corpusIsThere() {
        #expect(Self.corpus.count > 100)
    }

    @Test(arguments: corpus)
    func unchangedMessageSerializesByteIdentically(_ path: String) throws {
        let bytes = try Fixtures.bytes(path)
        let message = try SIPMessageParser.parse(bytes)
        let out = message.serialized()
        // A datagram's octets after the announced body are not part of the message (dblreq).
        #expect(out == Array(bytes.prefix(out.count)))
        if path != "rfc4475/dblreq.dat" { #expect(out == bytes) }
    }

    @Test(arguments: corpus)
    func parseSerializeParseIsEqual(_ path: String) throws {
        let first = try SIPMessageParser.parse(try Fixtures.bytes(path))
        let second = try SIPMessageParser.parse(first.serialized())
        #expect(Self.same(first, second))
    }

    @Test(arguments: corpus)
    func changedMessageStillRoundTrips(_ path: String) throws {
        var message = try SIPMessageParser.parse(try Fixtures.bytes(path))
        message.prepend("Via", "SIP/2.0/UDP 192.0.2.99:5070;branch=z9hG4bKadded;rport")
        message.set("Max-Forwards", "42")
        message.append("X-Dialtone", "round trip")
        let reparsed = try SIPMessageParser.parse(message.serialized())
        #expect(Self.same(message, reparsed))
        #expect(reparsed.topVia?.branch == "z9hG4bKadded")
        #expect(reparsed.maxForwards == 42)
        #expect(reparsed.value("x-dialtone") == "round trip")
    }

    static func same(_ a: SIPMessage, _ b: SIPMessage) -> Bool {
        a.startLine == b.startLine
            && a.headers.map(\.name) == b.headers.map(\.name)
            && a.headerValueBytes == b.headerValueBytes
            && a.body == b.body
    }

    @Test func builtRequestIsCanonical() throws {
        let message = SIPMessage.request(.options, uri: "sip:bob@example.com", headers: [
            SIPHeaderField(name: "Via", value: "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds"),
            SIPHeaderField(name: "To", value: "<sip:bob@example.com>"),
            SIPHeaderField(name: "From", value: "<sip:alice@example.com>;tag=1928301774"),
            SIPHeaderField(name: "Call-ID", value: "a84b4c76e66710"),
            SIPHeaderField(name: "CSeq", value: "63104 OPTIONS"),
        ])
        let text = message.text
        #expect(text == """
            OPTIONS sip:bob@example.com SIP/2.0\r
            Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds\r
            To: <sip:bob@example.com>\r
            From: <sip:alice@example.com>;tag=1928301774\r
            Call-ID: a84b4c76e66710\r
            CSeq: 63104 OPTIONS\r
            Content-Length: 0\r
            \r

            """)
        let parsed = try SIPMessageParser.parse(text)
        #expect(parsed.cseq == SIPCSeq(63104, .options))
        #expect(parsed.validate() == nil)
    }

    @Test func builtResponseWithBodyGetsItsLength() throws {
        let body = Array("v=0\r\n".utf8)
        let message = SIPMessage.response(200, headers: [SIPHeaderField(name: "Content-Type", value: "application/sdp")], body: body)
        let parsed = try SIPMessageParser.parse(message.serialized())
        #expect(parsed.statusCode == 200)
        #expect(parsed.reasonPhrase == "OK")
        #expect(parsed.contentLength == 5)
        #expect(parsed.body == body)
    }

    @Test func changingTheBodyUpdatesContentLength() throws {
        var message = try SIPMessageParser.parse(try Fixtures.bytes("perf/01-invite-sdp-offer-udp.sip"))
        message.body = Array("v=0\r\n".utf8)
        let parsed = try SIPMessageParser.parse(message.serialized())
        #expect(parsed.contentLength == 5)
        #expect(parsed.bodyCount == 5)
    }

    @Test func startLineChangeIsWrittenCanonically() throws {
        var message = try SIPMessageParser.parse(try Fixtures.bytes("perf/07-bye.sip"))
        message.setStartLine(.response(version: "SIP/2.0", statusCode: 481, reasonPhrase: "Call/Transaction Does Not Exist"))
        let parsed = try SIPMessageParser.parse(message.serialized())
        #expect(parsed.statusCode == 481)
        #expect(parsed.callID == message.callID)
    }
}
