import Testing
@testable import SIPCore

@Suite struct TelURITests {
    func tel(_ text: String) throws -> TelURI {
        guard case .tel(let uri) = try parseURI(text) else {
            Issue.record("\(text) is not a tel URI")
            return TelURI(number: "", isGlobal: false)
        }
        return uri
    }

    @Test func globalNumberWithVisualSeparators() throws {
        let uri = try tel("tel:+1-201-555-0123")
        #expect(uri.isGlobal)
        #expect(uri.number == "1-201-555-0123")
        #expect(uri.digits == "12015550123")
        #expect(uri.parameters.isEmpty)
        #expect(uri.description == "tel:+1-201-555-0123")
        #expect(try tel("TEL:+(44)20.7946.0958").digits == "442079460958")
    }

    @Test func localNumberWithContextAndParameters() throws {
        let uri = try tel("tel:7042;ext=12-3;isub=8978;phone-context=example.com;x-Foo=a%20b")
        #expect(!uri.isGlobal)
        #expect(uri.number == "7042")
        #expect(uri.phoneExtension == "12-3")
        #expect(uri.isdnSubaddress == "8978")
        #expect(uri.phoneContext == "example.com")
        #expect(uri.parameters["x-foo"] == "a b")
        #expect(uri.description == "tel:7042;ext=12-3;isub=8978;phone-context=example.com;x-Foo=a%20b")
        #expect(try tel("tel:863-1234;phone-context=+1-914-555").phoneContext == "+1-914-555")
        #expect(try tel("tel:*69#;phone-context=example.com").number == "*69#")
        #expect(try tel("tel:ABC1;phone-context=example.com").digits == "ABC1")
    }

    @Test func localNumberWithoutContextIsAcceptedAndKept() throws {
        let uri = try tel("tel:5551234")
        #expect(uri.phoneContext == nil)
        #expect(uri.description == "tel:5551234")
    }

    @Test func malformedTelURIs() {
        let cases: [(String, Int, String)] = [
            ("tel:", 4, "expected a telephone number"),
            ("tel:+", 5, "at least one digit"),
            ("tel:+--", 5, "at least one digit"),
            ("tel:+12a4", 7, "'a' is not allowed in a telephone number"),
            ("tel:x12", 4, "expected a telephone number after 'tel:' but found 'x'"),
            ("tel:+1;", 7, "empty parameter"),
            ("tel:+1;;ext=1", 7, "empty parameter"),
            ("tel:+1;ext=", 11, "expected a value after '=' in tel URI parameter 'ext'"),
            ("tel:+1;ext=1 2", 12, "a space is not allowed in a tel URI parameter"),
            ("tel:+1;a_b=1", 8, "'_' is not allowed in a tel URI parameter"),
        ]
        for (text, at, reason) in cases {
            let error = syntaxError { () throws(SIPSyntaxError) in try parseURI(text) }
            #expect(error?.offset == at, "\(text): \(String(describing: error))")
            #expect(error?.reason.contains(reason) == true, "\(text): \(String(describing: error))")
        }
    }

    @Test func publicInitializer() throws {
        #expect(try TelURI(parsing: "tel:+1-201-555-0123").digits == "12015550123")
        do {
            _ = try TelURI(parsing: "sip:+1@h")
            Issue.record("expected an error")
        } catch {
            #expect(error.reason == "expected a tel: URI but the scheme is 'sip'")
            #expect(error.column == 1)
        }
    }

    @Test func equivalenceOfRFC3966Section4() throws {
        #expect(try tel("tel:+1-201-555-0123").isEquivalent(to: tel("tel:+1.201.555.0123")))
        #expect(try tel("tel:+1-201-555-0123").isEquivalent(to: tel("tel:+12015550123")))
        #expect(try !tel("tel:+12015550123").isEquivalent(to: tel("tel:12015550123;phone-context=+1")))
        #expect(try tel("tel:7042;phone-context=EXAMPLE.com").isEquivalent(to: tel("tel:7042;phone-context=example.com")))
        #expect(try tel("tel:7042;phone-context=+1-914-555").isEquivalent(to: tel("tel:7042;phone-context=+1914555")))
        #expect(try tel("tel:+1;ext=1-2;isub=a").isEquivalent(to: tel("tel:+1;isub=A;ext=12")))
        #expect(try !tel("tel:+1;ext=12").isEquivalent(to: tel("tel:+1")))
        #expect(try !tel("tel:+1;ext=12").isEquivalent(to: tel("tel:+1;ext=13")))
        #expect(try tel("tel:abc1;phone-context=x.com").isEquivalent(to: tel("tel:ABC1;phone-context=x.com")))
        #expect(try !tel("tel:+1-201").isEquivalent(to: tel("tel:+1-202")))
    }
}
