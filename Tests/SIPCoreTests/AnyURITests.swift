import Testing
@testable import SIPCore

@Suite struct AnyURITests {
    @Test func schemesChooseTheCase() throws {
        #expect(try parseURI("sip:alice@atlanta.com").sipURI?.user == "alice")
        #expect(try parseURI("SIPS:alice@atlanta.com").sipURI?.isSecure == true)
        #expect(try parseURI("sips:h").scheme == "sips")
        guard case .tel(let tel) = try parseURI("tel:+358-555-1234567") else {
            Issue.record("expected a tel URI")
            return
        }
        #expect(tel.number == "358-555-1234567")
    }

    @Test(arguments: [
        ("nobodyKnowsThisScheme:totallyopaquecontent", "nobodyKnowsThisScheme", "totallyopaquecontent"),
        ("isbn:2983792873", "isbn", "2983792873"),
        ("http://www.example.com", "http", "//www.example.com"),
        ("name:John_Smith", "name", "John_Smith"),
        ("urn:ietf:rfc:3261", "urn", "ietf:rfc:3261"),
        ("mailto:watson@bell-telephone.com?subject=hi%20there", "mailto", "watson@bell-telephone.com?subject=hi%20there"),
        ("z39.50r://x", "z39.50r", "//x"),
        ("im+chat-x:a", "im+chat-x", "a"),
    ])
    func unknownSchemesAreKeptVerbatim(text: String, scheme: String, rest: String) throws {
        let uri = try parseURI(text)
        #expect(uri == .other(AbsoluteURI(scheme: scheme, schemeSpecificPart: rest)))
        #expect(uri.scheme == scheme)
        #expect(uri.description == text)
    }

    @Test func thingsWithoutAValidSchemeAreErrors() {
        let cases: [(String, Int, String)] = [
            ("", 0, "expected a URI but found nothing"),
            ("alice@atlanta.com", 5, "'@' is not allowed in a URI scheme"),
            ("atlanta", 0, "found no ':'"),
            ("1sip:alice@atlanta.com", 0, "beginning with a scheme such as 'sip:' but found '1'"),
            (":alice", 0, "but found ':'"),
            ("si_p:alice", 2, "'_' is not allowed in a URI scheme"),
            ("urn:", 4, "expected the rest of the URI"),
            ("http://a b", 8, "a space is not allowed in a URI"),
            ("http://a<b", 8, "'<' is not allowed in a URI"),
        ]
        for (text, at, reason) in cases {
            let error = syntaxError { () throws(SIPSyntaxError) in try parseURI(text) }
            #expect(error?.offset == at, "\(text): \(String(describing: error))")
            #expect(error?.reason.contains(reason) == true, "\(text): \(String(describing: error))")
        }
    }

    @Test func parsingARangeInsideABuffer() throws {
        let bytes = Array("Contact: <sip:a@b;lr> trailing".utf8)
        let uri = try AnyURI.parse(bytes, in: 10..<20)
        #expect(uri.description == "sip:a@b;lr")
        let error = syntaxError { () throws(SIPSyntaxError) in try AnyURI.parse(bytes, in: 10..<21) }
        #expect(error?.offset == 20)
    }

    @Test func publicInitializerAndEquivalence() throws {
        let a = try AnyURI(parsing: "sip:%61lice@atlanta.com;transport=TCP")
        let b = try AnyURI(parsing: "sip:alice@AtLanTa.CoM;Transport=tcp")
        #expect(a.isEquivalent(to: b))
        #expect(try AnyURI(parsing: "HTTP://x").isEquivalent(to: AnyURI(parsing: "http://x")))
        #expect(try !AnyURI(parsing: "http://x").isEquivalent(to: AnyURI(parsing: "http://X")))
        #expect(try !AnyURI(parsing: "tel:+1").isEquivalent(to: AnyURI(parsing: "sip:+1@h")))
        do {
            _ = try AnyURI(parsing: "sip:h\n;lr")
            Issue.record("expected an error")
        } catch {
            #expect(error.offset == 5)
            #expect(error.line == 1)
        }
    }
}
