import Testing
@testable import SIPCore

@Suite struct SIPNameAddressTests {
    @Test func nameAddrWithQuotedDisplayName() throws {
        let address = try parseAddress("\"Alice Liddell\" <sip:alice@atlanta.com;transport=tcp>;tag=1928301774")
        #expect(address.displayName == "Alice Liddell")
        #expect(address.usesAngleBrackets)
        #expect(address.uri.sipURI?.transport == "tcp")
        #expect(address.parameters == [SIPParameter(name: "tag", value: "1928301774")])
        #expect(address.tag == "1928301774")
        #expect(address.description == "\"Alice Liddell\" <sip:alice@atlanta.com;transport=tcp>;tag=1928301774")
    }

    @Test func addrSpecParametersBelongToTheHeader() throws {
        let address = try parseAddress("sip:bob@biloxi.com;tag=a6c85cf;lr")
        #expect(address.displayName == nil)
        #expect(!address.usesAngleBrackets)
        #expect(address.uri.sipURI?.parameters.isEmpty == true)
        #expect(address.tag == "a6c85cf")
        #expect(address.parameters.contains("lr"))
        #expect(address.description == "sip:bob@biloxi.com;tag=a6c85cf;lr")
    }

    @Test func bracketedURIParametersAndHeadersStayInTheURI() throws {
        let address = try parseAddress("<sip:bob@biloxi.com;lr?subject=hi>;tag=x")
        #expect(address.uri.sipURI?.lr == true)
        #expect(address.uri.sipURI?.header(named: "subject") == "hi")
        #expect(address.tag == "x")
        #expect(address.description == "<sip:bob@biloxi.com;lr?subject=hi>;tag=x")
    }

    @Test func tokenDisplayNames() throws {
        let address = try parseAddress("Bell Alexander <sip:a.g.bell@bell-tel.com>")
        #expect(address.displayName == "Bell Alexander")
        #expect(address.description == "\"Bell Alexander\" <sip:a.g.bell@bell-tel.com>")
        let folded = try parseAddress("Bell \r\n  Alexander\t<sip:a.g.bell@bell-tel.com>")
        #expect(folded.displayName == "Bell Alexander")
        let tight = try parseAddress("Bob<sip:bob@biloxi.com>")
        #expect(tight.displayName == "Bob")
    }

    @Test func whiteSpaceAndFoldsAroundEverything() throws {
        let address = try parseAddress(" \r\n \"A\" \t < sip:a@b.c > \r\n ; tag \r\n = \r\n x ;\r\n lr ")
        #expect(address.displayName == "A")
        #expect(address.uri.description == "sip:a@b.c")
        #expect(address.parameters == [SIPParameter(name: "tag", value: "x"), SIPParameter(name: "lr")])
        let folded = try parseAddress("<\r\n sip:joe@example.org \r\n >;tag=1")
        #expect(folded.uri.description == "sip:joe@example.org")
        #expect(folded.tag == "1")
    }

    @Test func quotedPairsAndEmptyDisplayName() throws {
        let address = try parseAddress("\"a \\\"quoted\\\" \\\\ name\" <sip:h>")
        #expect(address.displayName == "a \"quoted\" \\ name")
        #expect(address.description == "\"a \\\"quoted\\\" \\\\ name\" <sip:h>")
        let empty = try parseAddress("\"\" <sip:h>")
        #expect(empty.displayName == "")
        #expect(empty.description == "\"\" <sip:h>")
        #expect(try parseAddress(empty.description) == empty)
    }

    @Test func descriptionAddsBracketsWhenTheURINeedsThem() {
        let uri = SIPURI(host: "h", parameters: [SIPParameter(name: "lr")])
        let bare = SIPNameAddress(uri: .sip(uri), parameters: [SIPParameter(name: "tag", value: "1")], usesAngleBrackets: false)
        #expect(bare.description == "<sip:h;lr>;tag=1")
        let comma = SIPNameAddress(uri: .sip(SIPURI(user: "a,b", host: "h")), usesAngleBrackets: false)
        #expect(comma.description == "<sip:a,b@h>")
        let question = SIPNameAddress(uri: .sip(SIPURI(host: "h", headers: [SIPURIHeader(name: "a", value: "b")])),
                                      usesAngleBrackets: false)
        #expect(question.description == "<sip:h?a=b>")
        let named = SIPNameAddress(displayName: "x", uri: .sip(SIPURI(host: "h")), usesAngleBrackets: false)
        #expect(named.description == "\"x\" <sip:h>")
        let plain = SIPNameAddress(uri: .sip(SIPURI(host: "h")), usesAngleBrackets: false)
        #expect(plain.description == "sip:h")
    }

    @Test func controlCharactersInDisplayNamesAreWrittenAsQuotedPairs() throws {
        let address = SIPNameAddress(displayName: "a\u{7}b\u{0}c\u{7F}d\te\r\nf", uri: .sip(SIPURI(host: "h")))
        #expect(address.description == "\"a\\\u{7}b\\\u{0}c\\\u{7F}d\te  f\" <sip:h>")
        #expect(try parseAddress(address.description).displayName == "a\u{7}b\u{0}c\u{7F}d\te  f")
    }

    @Test func stopsBeforeATopLevelComma() throws {
        var scanner = ByteScanner("\"Doe, John\" <sip:j,x@d.com>;tag=1 , <sip:b@c>")
        let first = try SIPNameAddress.parse(&scanner)
        #expect(first.displayName == "Doe, John")
        #expect(scanner.peek() == .comma)
        #expect(scanner.position == offset(of: " , ", in: "\"Doe, John\" <sip:j,x@d.com>;tag=1 , <sip:b@c>") + 1)
    }

    @Test func listsOfAddresses() throws {
        let value = "<sip:p1.example.com;lr>,\r\n <sip:p2.example.com;lr> ,<sip:p3.example.com;lr>"
        var scanner = ByteScanner(value)
        let routes = try SIPNameAddress.parseList(&scanner)
        #expect(routes.map { $0.uri.sipURI?.host } == ["p1.example.com", "p2.example.com", "p3.example.com"])
        #expect(scanner.isAtEnd)

        let cases: [(String, Int, String)] = [
            ("", 0, "expected an address but the value is empty"),
            ("  ", 2, "expected an address but the value is empty"),
            ("<sip:a>,", 7, "expected another address after ','"),
            ("<sip:a>, ,<sip:b>", 9, "empty element in the list"),
            (",<sip:a>", 0, "expected an address (a URI, '<', or a display name) but found ','"),
        ]
        for (text, at, reason) in cases {
            let error = syntaxError { () throws(SIPSyntaxError) in
                var s = ByteScanner(text)
                return try SIPNameAddress.parseList(&s)
            }
            #expect(error?.offset == at, "\(text): \(String(describing: error))")
            #expect(error?.reason.contains(reason) == true, "\(text): \(String(describing: error))")
        }
    }

    @Test func malformedAddresses() {
        let cases: [(String, String, Int, String)] = [
            // (value, the octet the error should name, its occurrence, words in the reason)
            ("\"Joe\" sip:joe@example.org", "sip", 1, "expected '<' after the quoted display name"),
            ("\"Joe\"", "", 0, "expected '<' and a URI after the quoted display name"),
            ("<sip:joe@example.org", "", 0, "expected '>' closing the URI but the value ended"),
            ("<sip:joe@example.org;tag=1", "", 0, "expected '>' closing the URI"),
            ("<sip:joe@example.org x>", " x>", 1, "a space is not allowed in the host of a SIP URI"),
            ("<sip:joe@example.org x", "x", 2, "expected '>' closing the URI but found 'x'"),
            ("<>", ">", 1, "expected a URI between '<' and '>'"),
            ("< >", ">", 1, "expected a URI between '<' and '>'"),
            ("<sip:a@b> junk", "junk", 1, "'j' cannot follow the address; only ';parameters' may follow '>'"),
            ("sip:a@b junk", "junk", 1, "'j' cannot follow the address; only ';parameters' may follow the URI"),
            ("<sip:a@b>;", "", 0, "empty parameter"),
            ("<sip:a@b>;tag=\"x", "\"", 1, "unterminated quoted string"),
            ("Alice", "Alice", 1, "neither a URI"),
            ("Alice @ <sip:a@b>", "@", 1, "expected '<' after the display name 'Alice' but found '@'"),
            ("<mailto:a b>", " b>", 1, "a space is not allowed in a URI"),
            ("sip:user;x=1@example.com", ";", 1, "a URI whose user part holds ';' must be enclosed in '<' and '>'"),
            ("sip:user?x=1@example.com", "?", 1, "a URI whose user part holds '?' must be enclosed"),
            ("sip:a@b;tag=1?x", "?", 1, "'?' cannot follow the address"),
            ("<sip:a@b>;tag=1;q=\"", "\"", 1, "unterminated quoted string"),
        ]
        for (text, needle, occurrence, reason) in cases {
            let error = syntaxError { () throws(SIPSyntaxError) in try parseAddress(text) }
            let at = occurrence == 0 ? text.utf8.count : offset(of: needle, in: text, occurrence: occurrence)
            #expect(error?.offset == at, "\(text): \(String(describing: error))")
            #expect(error?.reason.contains(reason) == true, "\(text): \(String(describing: error))")
        }
    }

    @Test func otherSchemesInAddresses() throws {
        let tel = try parseAddress("<tel:+1-201-555-0123;ext=1>;tag=9")
        #expect(tel.uri == .tel(TelURI(number: "1-201-555-0123", isGlobal: true, parameters: [SIPParameter(name: "ext", value: "1")])))
        #expect(tel.tag == "9")
        let bareTel = try parseAddress("tel:+12015550123;tag=9")
        #expect(bareTel.uri == .tel(TelURI(number: "12015550123", isGlobal: true)))
        #expect(bareTel.tag == "9")
    }

    @Test func publicInitializer() throws {
        let address = try SIPNameAddress(parsing: "\"Bob\" <sips:bob@biloxi.com>;tag=a48s")
        #expect(address.uri.sipURI?.isSecure == true)
        do {
            _ = try SIPNameAddress(parsing: "<sip:a@b>, <sip:c@d>")
            Issue.record("expected an error")
        } catch {
            #expect(error.offset == 9)
            #expect(error.reason.contains("expected one address"))
        }
        do {
            _ = try SIPNameAddress(parsing: "<sip:a@b>;tag=1\r\n ;q=x\r\n ;x=")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3)
            #expect(error.column == 5)
            #expect(error.reason.contains("a value for parameter 'x'"))
        }
    }
}
