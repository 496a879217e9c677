import Testing
@testable import SIPCore

@Suite struct SIPURITests {
    @Test func userHostPortAndScheme() throws {
        let uri = try parseSIP("sips:alice:secretword@atlanta.com:5061;transport=tcp")
        #expect(uri.isSecure)
        #expect(uri.user == "alice")
        #expect(uri.password == "secretword")
        #expect(uri.host == "atlanta.com")
        #expect(uri.port == 5061)
        #expect(uri.transport == "tcp")
        #expect(uri.headers.isEmpty)

        let plain = try parseSIP("sip:atlanta.com")
        #expect(!plain.isSecure)
        #expect(plain.user == nil && plain.password == nil && plain.port == nil)
        #expect(plain.description == "sip:atlanta.com")
    }

    @Test func schemeIsCaseInsensitiveButUserIsKeptAsWritten() throws {
        let uri = try parseSIP("SIP:ALICE@AtLanTa.CoM;Transport=udp")
        #expect(!uri.isSecure)
        #expect(uri.user == "ALICE")
        #expect(uri.host == "AtLanTa.CoM")
        #expect(uri.transport == "udp")
        #expect(uri.description == "sip:ALICE@AtLanTa.CoM;Transport=udp")
        #expect(try parseSIP("SiPs:h").isSecure)
    }

    @Test func semicolonAndQuestionMarkBelongToTheUserBeforeTheAt() throws {
        let uri = try parseSIP("sip:user;par=u%40example.net@example.com")
        #expect(uri.user == "user;par=u@example.net")
        #expect(uri.host == "example.com")
        #expect(uri.parameters.isEmpty)
        #expect(uri.description == "sip:user;par=u%40example.net@example.com")

        let tuesday = try parseSIP("sip:alice;day=tuesday@atlanta.com;lr")
        #expect(tuesday.user == "alice;day=tuesday")
        #expect(tuesday.lr)
    }

    @Test func escapesAreResolvedAndWrittenBackOnlyWhereNeeded() throws {
        let uri = try parseSIP("sip:%61lice@atlanta.com")
        #expect(uri.user == "alice")
        #expect(uri.description == "sip:alice@atlanta.com")

        // RFC 4475 escnull: %00 is a legal escape; the user holds U+0000.
        let null = try parseSIP("sip:null-%00-null@example.com")
        #expect(null.user == "null-\u{0}-null")
        #expect(null.user?.utf8.count == 11)
        #expect(null.description == "sip:null-%00-null@example.com")

        let twoNulls = try parseSIP("sip:%00%00@host5.example.com")
        #expect(twoNulls.user == "\u{0}\u{0}")
    }

    @Test func unusualUserAndPasswordOfIntmeth() throws {
        // RFC 4475 §3.1.1.2: every unreserved and user-unreserved character.
        let text = "sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com"
        let uri = try parseSIP(text)
        #expect(uri.user == "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*")
        #expect(uri.password == "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)")
        #expect(uri.host == "example.com")
        #expect(uri.description == text)
    }

    @Test func emptyPasswordIsKept() throws {
        let uri = try parseSIP("sip:123:@10.43.12.14")
        #expect(uri.user == "123")
        #expect(uri.password == "")
        #expect(uri.description == "sip:123:@10.43.12.14")
    }

    @Test func ipv6AndIPv4Hosts() throws {
        let v6 = try parseSIP("sip:[2001:db8::1]:5070;transport=udp")
        #expect(v6.host == "[2001:db8::1]")
        #expect(v6.port == 5070)
        #expect(try parseSIP("sip:alice@[::ffff:192.0.2.10]:19823").host == "[::ffff:192.0.2.10]")
        #expect(try parseSIP("sip:[::]").host == "[::]")
        #expect(try parseSIP("sip:[1:2:3:4:5:6:7:8]").host == "[1:2:3:4:5:6:7:8]")
        #expect(try parseSIP("sip:[fe80::204:75ff:fe4d:19d9]").port == nil)
        #expect(try parseSIP("sip:user@192.0.2.4").host == "192.0.2.4")
        #expect(try parseSIP("sip:example.com.").host == "example.com.")
    }

    @Test func badHostsAreRejectedAtTheirOctet() {
        let cases: [(String, Int, String)] = [
            ("sip:[2001:db8::1", 4, "not closed by ']'"),
            ("sip:[2001:db8:::1]", 15, "is not allowed in an IPv6 address"),
            ("sip:[1::2::3]", 9, "'::' only once"),
            ("sip:[1:2:3:4:5:6:7:8:9]", 21, "more than eight groups"),
            ("sip:[1:2:3:4:5:6:7]", 5, "needs eight groups"),
            ("sip:[12345::1]", 5, "more than four"),
            ("sip:[::1.2.3.256]", 13, "out of range"),
            ("sip:[:1::2]", 5, "single ':'"),
            ("sip:[1::2:]", 9, "single ':'"),
            ("sip:[]", 5, "empty"),
            ("sip:192.0.2.256", 12, "out of range"),
            ("sip:1.2.3", 9, "four numbers"),
            ("sip:-bad.example.com", 4, "may not begin with '-'"),
            ("sip:bad-.example.com", 7, "may not end with '-'"),
            ("sip:a..example.com", 6, "empty label"),
            ("sip:alice@example.4com", 18, "must begin with a letter"),
            ("sip:", 4, "expected a host"),
            ("sip:alice@", 10, "expected a host"),
            ("sip:alice@_x", 10, "expected a host name or address but found '_'"),
        ]
        for (text, at, reason) in cases {
            let error = syntaxError { () throws(SIPSyntaxError) in try parseSIP(text) }
            #expect(error?.offset == at, "\(text): \(String(describing: error))")
            #expect(error?.reason.contains(reason) == true, "\(text): \(String(describing: error))")
        }
    }

    @Test func portsAreCheckedForRange() throws {
        #expect(try parseSIP("sip:h:0").port == 0)
        #expect(try parseSIP("sip:h:65535").port == 65535)
        let tooBig = syntaxError { () throws(SIPSyntaxError) in try parseSIP("sip:h:65536") }
        #expect(tooBig == SIPSyntaxError("port 65536 is out of range (at most 65535)", at: 6))
        let huge = syntaxError { () throws(SIPSyntaxError) in try parseSIP("sip:h:99999999999999999999999") }
        #expect(huge?.offset == 6)
        let missing = syntaxError { () throws(SIPSyntaxError) in try parseSIP("sip:h:;lr") }
        #expect(missing == SIPSyntaxError("expected a port number after ':'", at: 6))
    }

    @Test func parametersWithAndWithoutValues() throws {
        let uri = try parseSIP("sip:h;transport=tcp;lr;maddr=239.255.255.1;ttl=15;user=phone;method=INVITE;unknown-no-value")
        #expect(uri.transport == "tcp")
        #expect(uri.lr)
        #expect(uri.parameters[1] == SIPParameter(name: "lr"))
        #expect(uri.maddr == "239.255.255.1")
        #expect(uri.ttl == 15)
        #expect(uri.userParameter == "phone")
        #expect(uri.method == "INVITE")
        #expect(uri.parameters.contains("unknown-no-value"))
        #expect(uri.parameters["unknown-no-value"] == nil)
        #expect(uri.description == "sip:h;transport=tcp;lr;maddr=239.255.255.1;ttl=15;user=phone;method=INVITE;unknown-no-value")

        let v6maddr = try parseSIP("sip:h;maddr=[2001:db8::9]")
        #expect(v6maddr.maddr == "[2001:db8::9]")
    }

    @Test func escapedParametersAreResolvedAndReEscaped() throws {
        let uri = try parseSIP("sip:h;na%6De=va%20lue%3b")
        #expect(uri.parameters["name"] == "va lue;")
        #expect(uri.description == "sip:h;name=va%20lue%3B")
        #expect(try parseSIP(uri.description) == uri)
    }

    @Test func headersAreUnescapedInOrder() throws {
        let uri = try parseSIP("sip:alice@atlanta.com?subject=project%20x&priority=urgent")
        #expect(uri.headers == [SIPURIHeader(name: "subject", value: "project x"),
                                SIPURIHeader(name: "priority", value: "urgent")])
        #expect(uri.header(named: "Subject") == "project x")
        #expect(uri.description == "sip:alice@atlanta.com?subject=project%20x&priority=urgent")

        // RFC 4475 regescrt: an escaped Route header inside the URI.
        let route = try parseSIP("sip:user@example.com?Route=%3Csip:sip.example.com%3E")
        #expect(route.headers == [SIPURIHeader(name: "Route", value: "<sip:sip.example.com>")])
        #expect(route.description == "sip:user@example.com?Route=%3Csip:sip.example.com%3E")

        let empty = try parseSIP("sip:h?body=")
        #expect(empty.headers == [SIPURIHeader(name: "body", value: "")])
    }

    @Test func malformedComponentsNameTheOctet() {
        let cases: [(String, Int, String)] = [
            ("sip:@host", 4, "user part before '@' is empty"),
            ("sip::pw@h", 4, "the user part before ':' is empty"),
            ("sip:a b@h", 5, "a space is not allowed in the user part"),
            ("sip:al%4ice@h", 6, "'%' in the user part must start an escape"),
            ("sip:al%4", 6, "'%' is not allowed in the host"),
            ("sip:a:p w@h", 7, "a space is not allowed in the password"),
            ("sip:a@b@c", 7, "only one unescaped '@'"),
            ("sip:h;", 6, "empty URI parameter"),
            ("sip:h;;lr", 6, "empty URI parameter"),
            ("sip:h;a=", 8, "expected a value after '=' in URI parameter 'a'"),
            ("sip:h;a=%zz", 8, "'%' in the URI parameter value"),
            ("sip:h?x", 7, "expected '=' after URI header name 'x'"),
            ("sip:h?", 6, "expected a header name"),
            ("sip:h?a=b&", 10, "expected a header name"),
            ("sip:h>", 5, "'>' is not allowed in the host"),
            ("sip:h:5060x", 10, "'x' is not allowed after the port"),
            ("sip:h;lr ", 8, "a space is not allowed in a SIP URI parameter"),
            ("sip:h?a=\"b\"", 8, "'\"' is not allowed in the headers"),
            ("tel:+1234", 0, "expected a sip: or sips: URI but the scheme is 'tel'"),
        ]
        for (text, at, reason) in cases {
            let error = syntaxError { () throws(SIPSyntaxError) in try parseSIP(text) }
            #expect(error?.offset == at, "\(text): \(String(describing: error))")
            #expect(error?.reason.contains(reason) == true, "\(text): \(String(describing: error))")
        }
    }

    @Test func publicInitializerLocatesErrors() throws {
        #expect(try SIPURI(parsing: "sip:bob@biloxi.com").user == "bob")
        do {
            _ = try SIPURI(parsing: "sip:bob@biloxi.com:70000")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 1)
            #expect(error.column == 20)
            #expect(error.offset == 19)
            #expect(error.reason.contains("out of range"))
        }
    }

    @Test func descriptionRoundTrips() throws {
        let texts = [
            "sip:alice@atlanta.com",
            "sips:alice:secretword@atlanta.com:5061;transport=tcp",
            "sip:+1-212-555-1212:1234@gateway.com;user=phone",
            "sip:alice@atlanta.com?subject=project%20x&priority=urgent",
            "sip:user;par=u%40example.net@example.com",
            "sip:[2001:db8::1]:5070;maddr=[2001:db8::9];lr",
            "sip:%00@host5.example.com",
            "sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com",
        ]
        for text in texts {
            let uri = try parseSIP(text)
            #expect(uri.description == text)
            #expect(try parseSIP(uri.description) == uri)
        }
        // Built by hand with characters that must be escaped.
        let built = SIPURI(user: "a@b c", password: "p:w", host: "example.com",
                           parameters: [SIPParameter(name: "x", value: "1;2")],
                           headers: [SIPURIHeader(name: "Subject", value: "a&b=c")])
        #expect(built.description == "sip:a%40b%20c:p%3Aw@example.com;x=1%3B2?Subject=a%26b%3Dc")
        #expect(try parseSIP(built.description) == built)
    }

    @Test func convenienceSetters() throws {
        var uri = try parseSIP("sip:h")
        uri.lr = true
        uri.lr = true
        uri.transport = "tcp"
        #expect(uri.description == "sip:h;lr;transport=tcp")
        uri.transport = nil
        uri.lr = false
        #expect(uri.description == "sip:h")
    }
}
