import Testing
@testable import SIPCore

@Suite struct SIPContactTests {
    @Test func wildcard() throws {
        #expect(try parseContacts("*") == [.wildcard])
        #expect(try parseContacts(" \t* \r\n ") == [.wildcard])
        #expect(SIPContact.wildcard.description == "*")
        #expect(SIPContact.wildcard.address == nil)
        #expect(SIPContact.wildcard.q == nil)
    }

    @Test func wildcardMustStandAlone() throws {
        for text in ["*, <sip:a@b>", "<sip:a@b>, *", "<sip:a@b>,* ,<sip:c@d>"] {
            let error = syntaxError { () throws(SIPSyntaxError) in try parseContacts(text) }
            #expect(error == SIPSyntaxError("the wildcard '*' must be the only Contact value", at: offset(of: "*", in: text)),
                    "\(text)")
        }
        let withParameters = syntaxError { () throws(SIPSyntaxError) in try parseContacts("* ;expires=0") }
        #expect(withParameters == SIPSyntaxError("the wildcard '*' takes no parameters (use the Expires header)", at: 2))
        // '*' is a token character, so it may begin a display name.
        #expect(try parseContacts("* <sip:a@b>").first?.address?.displayName == "*")
    }

    @Test func rfc3261ExampleList() throws {
        let value = "\"Mr. Watson\" <sip:watson@worcester.bell-telephone.com>;q=0.7; expires=3600,"
            + " \"Mr. Watson\" <mailto:watson@bell-telephone.com> ;q=0.1"
        let contacts = try parseContacts(value)
        #expect(contacts.count == 2)
        #expect(contacts[0].address?.displayName == "Mr. Watson")
        #expect(contacts[0].qValue == 700)
        #expect(contacts[0].q == 0.7)
        #expect(contacts[0].expires == 3600)
        #expect(contacts[1].address?.uri == .other(AbsoluteURI(scheme: "mailto", schemeSpecificPart: "watson@bell-telephone.com")))
        #expect(contacts[1].qValue == 100)
        #expect(contacts[1].expires == nil)
        #expect(contacts[0].description == "\"Mr. Watson\" <sip:watson@worcester.bell-telephone.com>;q=0.7;expires=3600")
    }

    @Test(arguments: [("0", 0), ("0.", 0), ("0.5", 500), ("0.001", 1), ("0.33", 330), ("1", 1000), ("1.0", 1000), ("1.000", 1000)])
    func validQValues(text: String, thousandths: Int) throws {
        let contacts = try parseContacts("<sip:a@b>;q=\(text)")
        #expect(contacts.first?.qValue == thousandths)
    }

    @Test(arguments: ["1.5", "0.1234", "2", "abc", "1.001", ".5", "01"])
    func invalidQValues(text: String) {
        let value = "<sip:a@b;q=1> ;tag=x; q = \(text)"
        let error = syntaxError { () throws(SIPSyntaxError) in try parseContacts(value) }
        #expect(error?.offset == value.utf8.count - text.utf8.count)
        #expect(error?.reason.contains("q must be a number from 0 to 1") == true)
    }

    @Test func valuelessQAndExpiresAreErrorsAtTheirName() {
        let q = "<sip:a@b>;lr;q"
        #expect(syntaxError { () throws(SIPSyntaxError) in try parseContacts(q) }?.offset == 13)
        let expires = "<sip:a@b>;expires;q=1"
        #expect(syntaxError { () throws(SIPSyntaxError) in try parseContacts(expires) }?.offset == 10)
    }

    @Test func expiresRange() throws {
        #expect(try parseContacts("<sip:a@b>;expires=0").first?.expires == 0)
        #expect(try parseContacts("<sip:a@b>;expires=4294967295").first?.expires == UInt32.max)
        #expect(try parseContacts("<sip:a@b>;expires=007").first?.expires == 7)
        for text in ["4294967296", "-1", "1e3", "99999999999999999999999999"] {
            let value = "<sip:a@b>;expires=\(text)"
            let error = syntaxError { () throws(SIPSyntaxError) in try parseContacts(value) }
            #expect(error == SIPSyntaxError("expires must be a number of seconds from 0 to 4294967295", at: 18), "\(text)")
        }
    }

    @Test func accessorsOnAddressesBuiltByHand() {
        let contact = SIPContact.address(SIPNameAddress(
            uri: .sip(SIPURI(host: "h")),
            parameters: [SIPParameter(name: "q", value: "7"), SIPParameter(name: "expires", value: "x")]))
        #expect(contact.qValue == nil)
        #expect(contact.expires == nil)
    }

    @Test func emptyAndBrokenLists() {
        let cases: [(String, Int, String)] = [
            ("", 0, "expected '*' or an address in the Contact value but it is empty"),
            ("   ", 3, "expected '*' or an address"),
            ("<sip:a@b>,", 9, "expected another address after ','"),
            ("<sip:a@b>,,<sip:c@d>", 10, "empty element in the list"),
        ]
        for (text, at, reason) in cases {
            let error = syntaxError { () throws(SIPSyntaxError) in try parseContacts(text) }
            #expect(error?.offset == at, "\(text): \(String(describing: error))")
            #expect(error?.reason.contains(reason) == true, "\(text): \(String(describing: error))")
        }
    }
}
