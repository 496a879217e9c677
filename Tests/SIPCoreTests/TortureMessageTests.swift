import Testing
@testable import SIPCore

/// RFC 4475: every torture message gets the verdict its MANIFEST row asks for.
@Suite struct TortureMessageTests {
    /// The semantically odd messages a user agent must refuse (the rest it accepts).
    static let refusedOddMessages: [String: Int] = ["insuf": 400, "multi01": 400]

    @Test(arguments: Fixtures.torture)
    func verdict(_ testCase: Fixtures.TortureCase) throws {
        let bytes = try Fixtures.bytes("rfc4475/\(testCase.name).dat")
        let message: SIPMessage
        do throws(SIPParseError) {
            message = try SIPMessageParser.parse(bytes)
        } catch {
            #expect(testCase.expected == "invalid", "\(testCase.name) was refused by the parser: \(error)")
            #expect(error.line >= 1 && error.column >= 1)
            #expect(!error.reason.isEmpty)
            return
        }
        let failure = message.validate()
        switch testCase.expected {
        case "valid":
            #expect(failure == nil, "\(testCase.name): \(String(describing: failure))")
        case "invalid":
            #expect(failure != nil, "\(testCase.name) should be refused")
            if let failure { #expect(failure.line >= 1 && failure.column >= 1) }
        default:
            if let code = Self.refusedOddMessages[testCase.name] {
                #expect(failure?.statusCode == code, "\(testCase.name): \(String(describing: failure))")
            } else {
                #expect(failure == nil, "\(testCase.name): \(String(describing: failure))")
            }
        }
    }

    @Test func coversTheWholeManifest() {
        #expect(Fixtures.torture.count == 33)
    }

    @Test func esc02MethodIsNotRegister() throws {
        let message = try SIPMessageParser.parse(try Fixtures.bytes("rfc4475/esc02.dat"))
        #expect(message.method == SIPMethod("RE%47IST%45R"))
        #expect(message.method != .register)
        #expect(message.method?.isKnown == false)
        // C%6Fntact is an extension header, not a third Contact.
        #expect(message.count(of: .contact) == 2)
        #expect(message.values("C%6Fntact") == ["<sip:alias2@host2.example.com>"])
        #expect(message.topVia?.branch == "z9hG4bK209%fzsnel234")
    }

    @Test func dblreqIgnoresTheTrailingInvite() throws {
        let bytes = try Fixtures.bytes("rfc4475/dblreq.dat")
        let message = try SIPMessageParser.parse(bytes)
        #expect(message.method == .register)
        #expect(message.bodyCount == 0)
        #expect(message.serialized().count < bytes.count)
        #expect(Array(bytes.prefix(message.serialized().count)) == message.serialized())
    }

    @Test func noreasonHasAnEmptyReasonPhrase() throws {
        let message = try SIPMessageParser.parse(try Fixtures.bytes("rfc4475/noreason.dat"))
        #expect(message.statusCode == 100)
        #expect(message.reasonPhrase == "")
    }

    @Test func wsinvReadsFoldedAndSpacedHeaders() throws {
        let message = try SIPMessageParser.parse(try Fixtures.bytes("rfc4475/wsinv.dat"))
        #expect(message.method == .invite)
        #expect(message.cseq == SIPCSeq(9, .invite))
        #expect(message.maxForwards == 68)
        #expect(message.vias.count == 3)
        #expect(message.callID == "wsinv.ndaksdj@192.0.2.1")
        #expect(message.bodyCount == 150)
    }

    @Test func longreqHas34Vias() throws {
        let message = try SIPMessageParser.parse(try Fixtures.bytes("rfc4475/longreq.dat"))
        #expect(message.vias.count == 34)
        #expect(message.validate() == nil)
    }

    @Test func transportsKeepsUnknownTransport() throws {
        let message = try SIPMessageParser.parse(try Fixtures.bytes("rfc4475/transports.dat"))
        #expect(message.vias.map(\.transport) == ["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"])
    }

    @Test func intmethKeepsOddMethodAndRawOctets() throws {
        let bytes = try Fixtures.bytes("rfc4475/intmeth.dat")
        let message = try SIPMessageParser.parse(bytes)
        #expect(message.method?.rawValue == "!interesting-Method0123456789_*+`.%indeed'~")
        #expect(message.cseq?.method == message.method)
        #expect(message.serialized() == bytes)
    }

    @Test func mpart01KeepsABinaryBodyExactly() throws {
        let bytes = try Fixtures.bytes("rfc4475/mpart01.dat")
        let message = try SIPMessageParser.parse(bytes)
        #expect(message.bodyCount == 553)
        #expect(message.contentType?.mediaType == "multipart/mixed")
        #expect(message.serialized() == bytes)
    }

    @Test func badvers505AndBigcodeRefused() throws {
        let badvers = try SIPMessageParser.parse(try Fixtures.bytes("rfc4475/badvers.dat"))
        #expect(badvers.validate()?.statusCode == 505)
        #expect(throws: SIPParseError.self) { try SIPMessageParser.parse(try Fixtures.bytes("rfc4475/bigcode.dat")) }
    }

    @Test func scalar02NamesTheOverlargeCSeq() throws {
        let message = try SIPMessageParser.parse(try Fixtures.bytes("rfc4475/scalar02.dat"))
        let failure = try #require(message.validate())
        #expect(failure.statusCode == 400)
        #expect(failure.line == 5)
        #expect(failure.reason.contains("CSeq"))
    }

    @Test func nclNegativeContentLengthIsAParseError() throws {
        let bytes = try Fixtures.bytes("rfc4475/ncl.dat")
        do throws(SIPParseError) {
            _ = try SIPMessageParser.parse(bytes)
            Issue.record("ncl parsed")
        } catch {
            #expect(error.reason.contains("negative"))
            #expect(error.line == 10)
        }
    }

    @Test func mismatch02Is501() throws {
        let message = try SIPMessageParser.parse(try Fixtures.bytes("rfc4475/mismatch02.dat"))
        #expect(message.validate()?.statusCode == 501)
    }
}

/// Typed accessors on the torture messages: which parameter belongs to whom.
@Suite struct TortureAccessorTests {
    @Test func cparam02UnknownParamBelongsToTheURI() throws {
        let message = try SIPMessageParser.parse(try Fixtures.bytes("rfc4475/cparam02.dat"))
        let contact = try #require(message.contacts.first?.address)
        #expect(contact.uri.sipURI?.parameters.contains("unknownparam") == true)
        #expect(contact.parameters.isEmpty)
    }

    @Test func bareContactParametersBelongToTheHeader() throws {
        // RFC 4475 cparam01 (§3.3.12): without <>, ;unknownparam is a Contact parameter.
        let message = try SIPMessageParser.parse("""
            REGISTER sip:example.com SIP/2.0\r
            Via: SIP/2.0/UDP saturn.example.com:5060;branch=z9hG4bKkdjuw\r
            Max-Forwards: 70\r
            From: sip:watson@example.com;tag=DkfVgjkrtMwaerKKpe\r
            To: sip:watson@example.com\r
            Call-ID: cparam01.70710@saturn.example.com\r
            CSeq: 2 REGISTER\r
            Contact: sip:+19725552222@gw1.example.net;unknownparam\r
            l: 0\r
            \r

            """)
        let contact = try #require(message.contacts.first?.address)
        #expect(contact.uri.sipURI?.parameters.isEmpty == true)
        #expect(contact.parameters.contains("unknownparam"))
        #expect(message.from?.tag == "DkfVgjkrtMwaerKKpe")
        #expect(message.validate() == nil)
    }

    @Test func unkscmKeepsTheOpaqueURI() throws {
        let message = try SIPMessageParser.parse(try Fixtures.bytes("rfc4475/unkscm.dat"))
        guard case let .other(uri)? = message.requestURI else { Issue.record("not opaque"); return }
        #expect(uri.description == "nobodyKnowsThisScheme:totallyopaquecontent")
    }

    @Test func regescrtKeepsTheEscapedRoute() throws {
        let message = try SIPMessageParser.parse(try Fixtures.bytes("rfc4475/regescrt.dat"))
        let uri = try #require(message.contacts.first?.address?.uri.sipURI)
        #expect(uri.headers.first?.name == "Route")
        #expect(uri.headers.first?.value == "<sip:sip.example.com>")
    }

    @Test func escnullKeepsEscapedNul() throws {
        let message = try SIPMessageParser.parse(try Fixtures.bytes("rfc4475/escnull.dat"))
        #expect(message.to?.uri.sipURI?.user == "null-\u{0}-null")
        #expect(message.contacts.count == 2)
    }

    @Test func inv2543IsAcceptedWithoutBranchOrTag() throws {
        let message = try SIPMessageParser.parse(try Fixtures.bytes("rfc4475/inv2543.dat"))
        #expect(message.topVia?.branch == nil)
        #expect(message.from?.tag == nil)
        #expect(message.maxForwards == nil)
        #expect(message.validate() == nil)
    }

    @Test(arguments: [("quotbal", 2, 5), ("regbadct", 8, 30), ("baddn", 4, 14), ("badinv01", 7, 29)])
    func addressErrorsNameLineAndColumn(_ name: String, _ line: Int, _ column: Int) throws {
        let message = try SIPMessageParser.parse(try Fixtures.bytes("rfc4475/\(name).dat"))
        let failure = try #require(message.validate())
        #expect(failure.statusCode == 400)
        #expect(failure.line == line)
        #expect(failure.column == column)
    }
}

/// RFC 4475 §3.3: what an element does with the valid but odd messages.
@Suite struct AdvisoryTests {
    @Test(arguments: [("unkscm", 416), ("bext01", 420), ("zeromf", 483), ("regaut01", 401)])
    func oddMessagesNameTheResponse(_ name: String, _ code: Int) throws {
        let message = try SIPMessageParser.parse(try Fixtures.bytes("rfc4475/\(name).dat"))
        #expect(message.validate() == nil)
        #expect(message.advisories().contains { $0.statusCode == code }, "\(message.advisories())")
    }

    @Test func bcastAndRFC2543AreNoted() throws {
        let bcast = try SIPMessageParser.parse(try Fixtures.bytes("rfc4475/bcast.dat"))
        #expect(bcast.advisories().contains { $0.text.contains("255.255.255.255") })
        let old = try SIPMessageParser.parse(try Fixtures.bytes("rfc4475/inv2543.dat"))
        #expect(old.advisories().contains { $0.text.contains("RFC 2543") })
    }

    @Test func ordinaryMessagesHaveNone() throws {
        // Two of the typical messages do call for one: 100rel is required (no PRACK yet),
        // and an OPTIONS keep-alive with Max-Forwards 0.
        let expected = ["perf/09-invite-tcp-100rel-timer.sip": 420, "perf/31-options-keepalive-maxfwd0.sip": 483]
        for path in Fixtures.files(under: "perf", ext: "sip") {
            let message = try SIPMessageParser.parse(try Fixtures.bytes(path))
            if let code = expected[path] {
                #expect(message.advisories().map(\.statusCode) == [code], "\(path)")
            } else {
                #expect(message.advisories().isEmpty, "\(path): \(message.advisories())")
            }
        }
    }
}
