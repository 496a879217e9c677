import Testing
@testable import SIPCore

/// Header values of the RFC 4475 torture messages (shared/corpus/rfc4475/*.dat), copied
/// from the octet after the header's ':' to the end of the field, folds included.
@Suite struct RFC4475AddressTests {
    // MARK: 3.1.1.1 wsinv — folds and white space everywhere

    @Test func wsinvTo() throws {
        let to = try parseAddress("\r\n sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n")
        #expect(to.displayName == nil)
        #expect(!to.usesAngleBrackets)
        #expect(to.uri.sipURI?.host == "chair-dnrc.example.com")
        #expect(to.tag == "1918181833n")
    }

    @Test func wsinvFrom() throws {
        let from = try parseAddress(" \"J Rosenberg \\\\\\\"\"       <sip:jdrosen@example.com>\r\n  ;\r\n  tag = 98asjd8")
        #expect(from.displayName == "J Rosenberg \\\"")
        #expect(from.uri.sipURI?.user == "jdrosen")
        #expect(from.tag == "98asjd8")
        #expect(try parseAddress(from.description) == from)
    }

    @Test func wsinvRoute() throws {
        var scanner = ByteScanner("\r\n <sip:services.example.com;lr;unknownwith=value;unknown-no-value>")
        let routes = try SIPNameAddress.parseList(&scanner)
        #expect(routes.count == 1)
        let uri = try #require(routes.first?.uri.sipURI)
        #expect(uri.lr)
        #expect(uri.parameters["unknownwith"] == "value")
        #expect(uri.parameters.contains("unknown-no-value"))
        #expect(routes.first?.parameters.isEmpty == true)
    }

    @Test func wsinvContact() throws {
        let contacts = try parseContacts(
            "\"Quoted string \\\"\\\"\" <sip:jdrosen@example.com> ; newparam =\r\n      newvalue ;\r\n  secondparam ; q = 0.33")
        #expect(contacts.count == 1)
        let address = try #require(contacts.first?.address)
        #expect(address.displayName == "Quoted string \"\"")
        #expect(address.parameters == [
            SIPParameter(name: "newparam", value: "newvalue"),
            SIPParameter(name: "secondparam"),
            SIPParameter(name: "q", value: "0.33"),
        ])
        #expect(contacts.first?.qValue == 330)
    }

    @Test func wsinvRequestURI() throws {
        let uri = try parseSIP("sip:vivekg@chair-dnrc.example.com;unknownparam")
        #expect(uri.parameters == [SIPParameter(name: "unknownparam")])
    }

    // MARK: 3.1.1.2 intmeth — quoted-pairs of control octets, token display names

    @Test func intmethTo() throws {
        let to = try parseAddress(" \"BEL:\\\u{07} NUL:\\\u{00} DEL:\\\u{7F}\" <sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*@example.com>")
        #expect(to.displayName == "BEL:\u{07} NUL:\u{00} DEL:\u{7F}")
        #expect(to.displayName?.utf8.count == 17)
        #expect(to.uri.sipURI?.user == "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*")
        #expect(to.uri.sipURI?.parameters.isEmpty == true)
        #expect(to.parameters.isEmpty)
        #expect(to.description == "\"BEL:\\\u{07} NUL:\\\u{00} DEL:\\\u{7F}\" <sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*@example.com>")
        #expect(try parseAddress(to.description) == to)
    }

    @Test func intmethFrom() throws {
        let from = try parseAddress(
            " token1~` token2'+_ token3*%!.- <sip:mundane@example.com>;fromParam''~+*_!.-%=\"работающий\";tag=_token~1'+`*%!-.")
        #expect(from.displayName == "token1~` token2'+_ token3*%!.-")
        #expect(from.uri.description == "sip:mundane@example.com")
        #expect(from.parameters["fromParam''~+*_!.-%"] == "работающий")
        #expect(from.parameters[0].isQuoted)
        #expect(from.tag == "_token~1'+`*%!-.")
        #expect(try parseAddress(from.description) == SIPNameAddress(
            displayName: from.displayName, uri: from.uri, parameters: from.parameters, usesAngleBrackets: true))
    }

    // MARK: 3.1.1.4 escnull — %00 in user parts

    @Test func escnull() throws {
        let to = try parseAddress(" sip:null-%00-null@example.com")
        #expect(to.uri.sipURI?.user == "null-\u{0}-null")
        let from = try parseAddress(" sip:null-%00-null@example.com;tag=839923423")
        #expect(from.tag == "839923423")
        #expect(from.uri.sipURI?.isEquivalent(to: try #require(to.uri.sipURI)) == true)
        let one = try parseContacts(" <sip:%00@host5.example.com>")
        let two = try parseContacts(" <sip:%00%00@host5.example.com>")
        #expect(one.first?.address?.uri.sipURI?.user == "\u{0}")
        #expect(two.first?.address?.uri.sipURI?.user == "\u{0}\u{0}")
        #expect(two.first?.description == "<sip:%00%00@host5.example.com>")
    }

    // MARK: 3.1.1.5 esc02 — '%' that is not an escape in a display name

    @Test func esc02() throws {
        let to = try parseAddress(" \"%Z%45\" <sip:resource@example.com>")
        #expect(to.displayName == "%Z%45")
        let from = try parseAddress(" \"%Z%45\" <sip:resource@example.com>;tag=f232jadfj23")
        #expect(from.tag == "f232jadfj23")
        let contacts = try parseContacts(" <sip:alias1@host1.example.com>")
        #expect(contacts.first?.address?.uri.sipURI?.user == "alias1")
    }

    // MARK: 3.1.1.7 longreq

    @Test func longreqTo() throws {
        let to = try parseAddress(" \"I have a user name of extremeextremeextremeextremeextremeextremeextremeextremeextremeextreme proportion\"<sip:user@example.com:6000;unknownparam1=verylonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglongvalue;longparamnamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamename=shortvalue;verylonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglongParameterNameWithNoValue>")
        let uri = try #require(to.uri.sipURI)
        #expect(uri.port == 6000)
        #expect(uri.parameters.count == 3)
        #expect(uri.parameters[2].value == nil)
        #expect(to.parameters.isEmpty)
    }

    // MARK: 3.1.2.1 badinv01 — extraneous separators

    @Test func badinv01Contact() {
        let value = " \"Joe\" <sip:joe@example.org>;;;;"
        let error = syntaxError { () throws(SIPSyntaxError) in try parseContacts(value) }
        #expect(error == SIPSyntaxError("empty parameter: nothing between ';' and ';'", at: offset(of: ";;;;", in: value) + 1))
    }

    // MARK: 3.1.2.4 scalar02 — overlarge expires

    @Test func scalar02Contact() {
        let value = " <sip:user@host129.example.com>\r\n  ;expires=280297596632815"
        let error = syntaxError { () throws(SIPSyntaxError) in try parseContacts(value) }
        #expect(error == SIPSyntaxError("expires must be a number of seconds from 0 to 4294967295",
                                        at: offset(of: "280297596632815", in: value)))
    }

    // MARK: 3.1.2.6 quotbal — unterminated quoted string

    @Test func quotbalTo() {
        let value = " \"Mr. J. User <sip:j.user@example.com>"
        let error = syntaxError { () throws(SIPSyntaxError) in try parseAddress(value) }
        #expect(error?.offset == 1)
        #expect(error?.reason.contains("unterminated quoted string") == true)
        // Located in the message: the To line is line 2, the quote in column 5.
        let message = Array("INVITE sip:user@example.com SIP/2.0\r\nTo: \"Mr. J. User <sip:j.user@example.com>\r\n".utf8)
        var scanner = ByteScanner(message, from: 40, to: 78)
        do {
            _ = try SIPNameAddress.parse(&scanner)
            Issue.record("expected an error")
        } catch {
            let located = error.located(in: message)
            #expect(located.line == 2)
            #expect(located.column == 5)
        }
    }

    // MARK: 3.1.2.13 regbadct — a URI with headers outside <>

    @Test func regbadctContact() {
        let value = " sip:user@example.com?Route=%3Csip:sip.example.com%3E"
        let error = syntaxError { () throws(SIPSyntaxError) in try parseContacts(value) }
        #expect(error == SIPSyntaxError("a URI with headers ('?') must be enclosed in '<' and '>'", at: offset(of: "?", in: value)))
    }

    // MARK: 3.1.2.15 baddn — unquoted display names with non-token characters

    @Test func baddnFromAndTo() {
        for value in ["    Bell, Alexander <sip:a.g.bell@example.com>;tag=43",
                      "      Watson, Thomas <sip:t.watson@example.org>"] {
            let error = syntaxError { () throws(SIPSyntaxError) in try parseAddress(value) }
            #expect(error?.offset == offset(of: ",", in: value))
            #expect(error?.reason.contains("found ','; a display name holding ',' must be quoted") == true,
                    "\(String(describing: error))")
        }
    }

    // MARK: 3.3.2 unkscm, 3.3.4 unksm2 — other schemes

    @Test func unkscmRequestURI() throws {
        #expect(try parseURI("nobodyKnowsThisScheme:totallyopaquecontent")
                == .other(AbsoluteURI(scheme: "nobodyKnowsThisScheme", schemeSpecificPart: "totallyopaquecontent")))
    }

    @Test func unksm2() throws {
        let to = try parseAddress(" isbn:2983792873")
        #expect(to.uri == .other(AbsoluteURI(scheme: "isbn", schemeSpecificPart: "2983792873")))
        #expect(!to.usesAngleBrackets)
        #expect(to.description == "isbn:2983792873")
        let from = try parseAddress(" <http://www.example.com>;tag=3234233")
        #expect(from.uri.description == "http://www.example.com")
        #expect(from.tag == "3234233")
        let contacts = try parseContacts(" <name:John_Smith>")
        #expect(contacts.first?.address?.uri == .other(AbsoluteURI(scheme: "name", schemeSpecificPart: "John_Smith")))
    }

    // MARK: 3.3.12 cparam01, 3.3.13 cparam02 — whose parameter is it?

    @Test func cparam01ParameterBelongsToTheContact() throws {
        // RFC 4475 §3.3.12 (not in the corpus folder): no <>, so ';unknownparam' is a
        // Contact header parameter and the URI has none.
        let contacts = try parseContacts(" sip:+19725552222@gw1.example.net;unknownparam")
        let address = try #require(contacts.first?.address)
        #expect(address.parameters == [SIPParameter(name: "unknownparam")])
        #expect(address.uri.sipURI?.parameters.isEmpty == true)
        #expect(address.uri.sipURI?.user == "+19725552222")
    }

    @Test func cparam02ParameterBelongsToTheURI() throws {
        let contacts = try parseContacts(" <sip:+19725552222@gw1.example.net;unknownparam>")
        let address = try #require(contacts.first?.address)
        #expect(address.parameters.isEmpty)
        #expect(address.uri.sipURI?.parameters == [SIPParameter(name: "unknownparam")])
        #expect(address.description == "<sip:+19725552222@gw1.example.net;unknownparam>")
        let from = try parseAddress(" sip:watson@example.com;tag=838293")
        #expect(from.tag == "838293")
    }

    // MARK: 3.3.14 regescrt — escaped headers inside <>

    @Test func regescrtContact() throws {
        let contacts = try parseContacts(" <sip:user@example.com?Route=%3Csip:sip.example.com%3E>")
        let uri = try #require(contacts.first?.address?.uri.sipURI)
        #expect(uri.headers == [SIPURIHeader(name: "Route", value: "<sip:sip.example.com>")])
        #expect(contacts.first?.description == "<sip:user@example.com?Route=%3Csip:sip.example.com%3E>")
    }

    // MARK: 3.4.1 inv2543 — RFC 2543 style addresses

    @Test func inv2543() throws {
        let from = try parseAddress(" <sip:+13035551111@ift.client.example.net;user=phone>")
        #expect(from.uri.sipURI?.userParameter == "phone")
        #expect(from.tag == nil)
        var scanner = ByteScanner(" <sip:UserB@example.com;maddr=ss1.example.com>")
        let recordRoute = try SIPNameAddress.parseList(&scanner)
        #expect(recordRoute.first?.uri.sipURI?.maddr == "ss1.example.com")
        // Without <>, ';user=phone' is a To header parameter, not the URI's (RFC 3261 §20.10).
        let to = try parseAddress(" sip:+16505552222@ss1.example.net;user=phone")
        #expect(to.uri.sipURI?.userParameter == nil)
        #expect(to.parameters["user"] == "phone")
    }
}
