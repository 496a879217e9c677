import Testing
@testable import SIPCore

@Suite struct HeaderNameTests {
    @Test(arguments: SIPHeaderName.allCases.filter { $0 != .extension })
    func everyNameIsRecognisedInAnyCase(_ name: SIPHeaderName) {
        #expect(SIPHeaderName(name.canonicalName) == name)
        #expect(SIPHeaderName(name.canonicalName.uppercased()) == name)
        #expect(SIPHeaderName(name.canonicalName.lowercased()) == name)
        if let compact = name.compactForm {
            #expect(SIPHeaderName(String(compact)) == name)
            #expect(SIPHeaderName(String(compact).uppercased()) == name)
        }
    }

    @Test func unknownNamesAreExtensions() {
        #expect(SIPHeaderName("X-Custom") == .extension)
        #expect(SIPHeaderName("C%6Fntact") == .extension)
        #expect(SIPHeaderName("q") == .extension)
        #expect(SIPHeaderName("Vias") == .extension)
    }

    /// Found by the parser fuzz harness: an empty name read its first octet, so
    /// `values("")` (and `value`, `remove`, `set`, a field built with the name "") trapped.
    @Test func emptyNameIsAnExtensionNotATrap() throws {
        #expect(SIPHeaderName("") == .extension)
        var message = try SIPMessageParser.parse(try Fixtures.bytes("perf/07-bye.sip"))
        #expect(message.values("").isEmpty)
        #expect(message.value("") == nil)
        message.remove("")
        #expect(message.headerCount > 0)
    }
}

@Suite struct ViaTests {
    func via(_ text: String) throws -> SIPVia {
        var scanner = ByteScanner(text)
        return try SIPVia.parseElement(&scanner)
    }

    @Test func fullVia() throws {
        let v = try via("SIP/2.0/UDP [2001:db8::9:1]:5062;branch=z9hG4bK776;received=192.0.2.4;rport=5070;maddr=224.2.0.1;ttl=16")
        #expect(v.transport == "UDP")
        #expect(v.host == "[2001:db8::9:1]")
        #expect(v.port == 5062)
        #expect(v.branch == "z9hG4bK776")
        #expect(v.hasMagicCookie)
        #expect(v.received == "192.0.2.4")
        #expect(v.rport == .port(5070))
        #expect(v.maddr == "224.2.0.1")
        #expect(v.ttl == 16)
        #expect(v.sentBy == "[2001:db8::9:1]:5062")
    }

    @Test func whiteSpaceAroundSeparatorsAndBareRport() throws {
        let v = try via("SIP / 2.0 / TCP  host.example.com ; rport ; branch = z9hG4bKx")
        #expect(v.transport == "TCP")
        #expect(v.port == nil)
        #expect(v.rport == .requested)
        #expect(v.branch == "z9hG4bKx")
        #expect(v.description == "SIP/2.0/TCP host.example.com;rport;branch=z9hG4bKx")
    }

    @Test func errorsPointAtTheProblem() {
        #expect(throws: SIPSyntaxError("empty parameter: nothing between ';' and ';'", at: 23)) {
            try via("SIP/2.0/UDP 192.0.2.15;;,;,,")
        }
        #expect(throws: SIPSyntaxError.self) { try via("SIP/2.0/UDP host:70000") }
        #expect(throws: SIPSyntaxError.self) { try via("SIP/2.0/UDP host;ttl=300") }
        #expect(throws: SIPSyntaxError.self) { try via("SIP/2.0 host") }
    }

    @Test func topViaReadsOnlyTheFirstOfAList() throws {
        let message = try SIPMessageParser.parse("""
            SIP/2.0 200 OK\r
            Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/UDP b.example.com;branch=z9hG4bK2\r
            v: SIP/2.0/TCP c.example.com;branch=z9hG4bK3\r
            \r

            """)
        #expect(message.topVia?.host == "a.example.com")
        #expect(message.vias.map(\.host) == ["a.example.com", "b.example.com", "c.example.com"])
    }
}

@Suite struct SimpleHeaderTests {
    func message(_ headers: String) throws -> SIPMessage {
        try SIPMessageParser.parse("OPTIONS sip:a@b SIP/2.0\r\n\(headers)\r\n\r\n")
    }

    @Test func cseqLimits() throws {
        #expect(try message("CSeq: 4294967295 OPTIONS").cseq == SIPCSeq(UInt32.max, .options))
        #expect(try message("CSeq: 4294967296 OPTIONS").cseq == nil)
        #expect(throws: SIPParseError.self) { try message("CSeq: 4294967296 OPTIONS").parsedValue(.cseq, as: SIPCSeq.self) }
        #expect(throws: SIPParseError.self) { try message("CSeq: 12OPTIONS").parsedValue(.cseq, as: SIPCSeq.self) }
    }

    @Test func tokenListsAndEmptySupported() throws {
        let m = try message("Allow: INVITE, ACK ,BYE\r\nSupported:\r\nRequire: 100rel\r\nk: timer, path")
        #expect(m.allow == [.invite, .ack, .bye])
        #expect(m.supported == ["timer", "path"])
        #expect(m.require == ["100rel"])
        #expect(throws: SIPParseError.self) { try message("Allow: INVITE,,BYE").parsedValues(.allow, as: SIPToken.self) }
    }

    @Test func retryAfterWarningReasonDate() throws {
        let m = try message("""
            Retry-After: 120 (I'm in a meeting) ;duration=3600\r
            Warning: 370 devnull "Choose a bigger pipe", 307 isi.edu "Session parameter 'foo' not understood"\r
            Reason: SIP ;cause=200 ;text="Call completed elsewhere"\r
            Date: Sat, 13 Nov 2010 23:29:00 GMT
            """)
        #expect(m.retryAfter?.seconds == 120)
        #expect(m.retryAfter?.comment == "I'm in a meeting")
        #expect(m.retryAfter?.duration == 3600)
        #expect(m.warnings.map(\.code) == [370, 307])
        #expect(m.warnings.last?.text == "Session parameter 'foo' not understood")
        #expect(m.reasons.first?.cause == 200)
        #expect(m.reasons.first?.text == "Call completed elsewhere")
        #expect(m.date?.description == "Sat, 13 Nov 2010 23:29:00 GMT")
        #expect(m.date?.year == 2010)
    }

    /// Found by the mutator (seed 0xc0ffee, a number given leading zeros): the code of
    /// "Warning: 005 m \"\"" was written as "5", which is no warn-code.
    @Test func warningWritesItsCodeInThreeDigits() throws {
        let warning = try #require(try message("Warning: 005 m \"\"").warnings.first)
        #expect(warning.code == 5)
        #expect(warning.description == "005 m \"\"")
        #expect(try message("Warning: \(warning)").warnings == [warning])
    }

    /// Found by the parser fuzz harness (a typed value must parse back from its
    /// description): a year with leading zeros was written as "99", which is no Date.
    @Test func dateWritesItsYearInFourDigits() throws {
        let date = try #require(try message("Date: Mon, 01 Jan 0099 00:00:00 GMT").date)
        #expect(date.year == 99)
        #expect(date.description == "Mon, 01 Jan 0099 00:00:00 GMT")
        #expect(try message("Date: \(date)").date == date)
    }

    @Test func contentTypeAndExpires() throws {
        let m = try message("c: application/sdp;charset=UTF-8\r\nExpires: 3600\r\nMin-Expires: 60\r\nMax-Forwards: 0070")
        #expect(m.contentType?.mediaType == "application/sdp")
        #expect(m.contentType?.parameters["charset"] == "UTF-8")
        #expect(m.expires == 3600)
        #expect(m.minExpires == 60)
        #expect(m.maxForwards == 70)
        #expect(try message("Max-Forwards: 256").maxForwards == nil)
    }

    @Test func foldedValueIsOneValue() throws {
        let m = try message("Subject: I know you're there,\r\n pick up the phone\r\n   and talk to me!")
        #expect(m.value(.subject) == "I know you're there, pick up the phone   and talk to me!")
    }

    @Test func errorsInABuiltHeaderNameTheHeader() throws {
        var m = try message("CSeq: 1 OPTIONS")
        m.set("CSeq", "x OPTIONS")
        do throws(SIPParseError) {
            _ = try m.parsedValue(.cseq, as: SIPCSeq.self)
            Issue.record("parsed")
        } catch {
            #expect(error.reason.hasPrefix("CSeq:"))
        }
    }
}

@Suite struct StartLineTests {
    func parse(_ text: String) throws(SIPParseError) -> SIPMessage {
        try SIPMessageParser.parse(text + "\r\nContent-Length: 0\r\n\r\n")
    }

    @Test func requestAndStatusLines() throws {
        let request = try parse("INVITE sip:bob@biloxi.com SIP/2.0")
        #expect(request.method == .invite)
        #expect(request.requestURIText == "sip:bob@biloxi.com")
        let response = try parse("SIP/2.0 486 Busy Here – ocupado")
        #expect(response.statusCode == 486)
        #expect(response.reasonPhrase == "Busy Here – ocupado")
    }

    @Test func leadingCRLFsAreIgnored() throws {
        let message = try SIPMessageParser.parse("\r\n\r\nOPTIONS sip:a@b SIP/2.0\r\nContent-Length: 0\r\n\r\n")
        #expect(message.method == .options)
    }

    @Test(arguments: [
        ("INVITE sip:a@b SIP/2.0 ", 1, 23, "trailing white space"),
        ("INVITE  sip:a@b SIP/2.0", 1, 8, "more than one space"),
        ("INVITE <sip:a@b> SIP/2.0", 1, 8, "<>"),
        ("SIP/2.0 4294967301 Big", 1, 9, "three digits"),
        ("SIP/2.0 099 Low", 1, 9, "outside 100–699"),
        ("INVITE sip:a@b HTTP/1.1", 1, 16, "SIP/2.0"),
        ("INV@TE sip:a@b SIP/2.0", 1, 4, "not allowed in a token"),
    ])
    func malformedStartLines(_ line: String, _ expectedLine: Int, _ column: Int, _ words: String) {
        do throws(SIPParseError) {
            _ = try parse(line)
            Issue.record("accepted \(line)")
        } catch {
            #expect(error.line == expectedLine)
            #expect(error.column == column, "\(error)")
            #expect(error.reason.contains(words), "\(error)")
        }
    }

    @Test func headerLineWithoutColon() {
        do throws(SIPParseError) {
            _ = try SIPMessageParser.parse("OPTIONS sip:a@b SIP/2.0\r\nVia SIP/2.0/UDP h\r\n\r\n")
            Issue.record("accepted")
        } catch {
            #expect(error.line == 2)
            #expect(error.column == 5)
        }
    }

    @Test func contentLengthLongerThanTheDatagram() {
        #expect(throws: SIPParseError.self) {
            try SIPMessageParser.parse("OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 10\r\n\r\nabc")
        }
    }

    @Test func emptyInput() {
        #expect(throws: SIPParseError.self) { try SIPMessageParser.parse([UInt8]()) }
        #expect(throws: SIPParseError.self) { try SIPMessageParser.parse("\r\n\r\n") }
    }
}

@Suite struct ByteClassTests {
    @Test func constantsMatchTheirDefinitions() {
        let pairs: [(String, ByteClass, (UInt8) -> Bool)] = [
            ("token", .token, ByteClass.tokenDefinition), ("word", .word, ByteClass.wordDefinition),
            ("user", .user, ByteClass.userDefinition), ("password", .password, ByteClass.passwordDefinition),
            ("uriParam", .uriParam, ByteClass.uriParamDefinition), ("uriHeader", .uriHeader, ByteClass.uriHeaderDefinition),
            ("host", .host, ByteClass.hostDefinition), ("uric", .uric, ByteClass.uricDefinition),
            ("headerText", .headerText, ByteClass.headerTextDefinition),
        ]
        for (name, set, definition) in pairs {
            for b in 0...255 {
                #expect(set.contains(UInt8(b)) == definition(UInt8(b)), "\(name) disagrees at \(b)")
            }
            let rebuilt = ByteClass(definition)
            #expect((rebuilt.w0, rebuilt.w1, rebuilt.w2, rebuilt.w3) == (set.w0, set.w1, set.w2, set.w3), "\(name)")
        }
    }
}

@Suite struct TopViaEditTests {
    static let response = """
        SIP/2.0 200 OK\r
        Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1 , SIP/2.0/UDP b.example.com;branch=z9hG4bK2\r
        Via: SIP/2.0/UDP c.example.com;branch=z9hG4bK3\r
        Call-ID: x\r
        \r

        """

    @Test func onlyTheTopEntryChanges() throws {
        var message = try SIPMessageParser.parse(Self.response)
        var via = try #require(message.topVia)
        via.parameters.set("received", "192.0.2.7")
        message.replaceTopVia(with: via)
        let text = message.text
        #expect(text.contains("Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1;received=192.0.2.7, SIP/2.0/UDP b.example.com;branch=z9hG4bK2\r\n"))
        #expect(text.contains("Via: SIP/2.0/UDP c.example.com;branch=z9hG4bK3\r\n"))
        #expect(message.vias.map(\.host) == ["a.example.com", "b.example.com", "c.example.com"])
    }

    @Test func noViaPutsItFirst() throws {
        var message = try SIPMessageParser.parse("OPTIONS sip:a@b SIP/2.0\r\nCall-ID: x\r\n\r\n")
        message.replaceTopVia(with: SIPVia(transport: "TCP", host: "h.example.com", port: 5070))
        #expect(message.headers.first?.name == "Via")
        #expect(message.topVia?.port == 5070)
    }

    @Test func receivedTakesABareIPv6Address() throws {
        var scanner = ByteScanner("SIP/2.0/UDP [2001:db8::1]:5060;received=2001:db8::9;branch=z9hG4bK1")
        let via = try SIPVia.parseElement(&scanner)
        #expect(via.received == "2001:db8::9")
        #expect(via.branch == "z9hG4bK1")
    }
}
