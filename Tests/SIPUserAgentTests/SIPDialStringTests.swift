import SIPCore
import SIPUserAgent
import Testing

@Suite struct SIPDialStringTests {
    let domain = try! SIPURI(parsing: "sip:alice@example.test")

    @Test(arguments: [
        ("sip:bob@host.test", "sip:bob@host.test"),
        ("sips:bob@host.test:5061", "sips:bob@host.test:5061"),
        ("bob@host.test", "sip:bob@host.test"),
        ("  bob@127.0.0.1:5062 ", "sip:bob@127.0.0.1:5062"),
        ("bob", "sip:bob@example.test"),
        ("1234", "sip:1234@example.test"),
        ("+1 555-0100", "sip:+15550100@example.test;user=phone"),
        ("127.0.0.1:5062", "sip:127.0.0.1:5062"),
    ])
    func typedTextBecomesAURI(typed: String, expected: String) throws {
        let uri = try SIPDialString.uri(from: typed, domain: domain)
        #expect(uri.description == expected)
    }

    @Test func aBareNameWithoutAnAccountSaysWhatIsMissing() {
        #expect(throws: SIPDialString.Failure.self) { try SIPDialString.uri(from: "bob", domain: nil) }
        do {
            _ = try SIPDialString.uri(from: "bob", domain: nil)
        } catch {
            #expect(error.text.contains("needs a domain"))
        }
    }

    @Test func nothingTypedIsAnError() {
        #expect(throws: SIPDialString.Failure(text: "nothing to dial")) { try SIPDialString.uri(from: "   ", domain: domain) }
    }

    @Test func aMalformedURIIsAnError() {
        #expect(throws: SIPDialString.Failure.self) { try SIPDialString.uri(from: "sip:", domain: domain) }
    }

    static let contacts = [SIPDialContact(name: "Bob", target: "sip:bob@pbx.example.test"),
                           SIPDialContact(name: "front desk", target: "+1 555 0100"),
                           SIPDialContact(name: "broken", target: "sip:")]

    @Test(arguments: [
        ("Bob", "sip:bob@pbx.example.test"),
        (" bob ", "sip:bob@pbx.example.test"),
        ("FRONT DESK", "sip:+15550100@example.test;user=phone"),
        ("bobby", "sip:bobby@example.test"),          // not a name: dialled as typed
        ("sip:bob@other.test", "sip:bob@other.test"),
    ])
    func aContactNameDialsItsTarget(typed: String, expected: String) throws {
        let uri = try SIPDialString.uri(from: typed, domain: domain, contacts: Self.contacts)
        #expect(uri.description == expected)
    }

    @Test func aContactWhoseTargetCannotBeDialledNamesTheContact() {
        do {
            _ = try SIPDialString.uri(from: "broken", domain: domain, contacts: Self.contacts)
            Issue.record("dialled a broken contact")
        } catch {
            #expect(error.text.hasPrefix("contact \"broken\": "), "\(error.text)")
        }
    }
}
