import Testing
@testable import SIPCore

/// RFC 3261 §19.1.4, with the RFC's own examples.
@Suite struct SIPURIEquivalenceTests {
    func equivalent(_ a: String, _ b: String) throws -> Bool {
        let x = try parseSIP(a)
        let y = try parseSIP(b)
        let forward = x.isEquivalent(to: y)
        #expect(forward == y.isEquivalent(to: x), "comparison must be symmetric: \(a) vs \(b)")
        return forward
    }

    @Test(arguments: [
        ("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp"),
        ("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5"),
        ("sip:carol@chicago.com", "sip:carol@chicago.com;security=on"),
        ("sip:carol@chicago.com;newparam=5", "sip:carol@chicago.com;security=on"),
        ("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com",
         "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com"),
        ("sip:alice@atlanta.com?subject=project%20x&priority=urgent",
         "sip:alice@atlanta.com?priority=urgent&subject=project%20x"),
    ])
    func rfcEquivalentSets(a: String, b: String) throws {
        #expect(try equivalent(a, b))
    }

    @Test(arguments: [
        ("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP"),   // different usernames
        ("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060"),                               // can resolve to different ports
        ("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp"),                      // can resolve to different transports
        ("sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp"),                 // different port and transport
        ("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting"),       // different header component
        ("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4"),                         // no DNS in comparison
    ])
    func rfcNotEquivalentPairs(a: String, b: String) throws {
        #expect(try !equivalent(a, b))
    }

    @Test func rfcIntransitivity() throws {
        // Each matches sip:carol@chicago.com, but not each other.
        #expect(try !equivalent("sip:carol@chicago.com;security=on", "sip:carol@chicago.com;security=off"))
        #expect(try equivalent("sip:carol@chicago.com", "sip:carol@chicago.com;security=off"))
    }

    @Test func theOtherRules() throws {
        #expect(try !equivalent("sip:alice@atlanta.com", "sips:alice@atlanta.com"))
        #expect(try !equivalent("sip:alice:a@atlanta.com", "sip:alice:b@atlanta.com"))
        #expect(try !equivalent("sip:alice:a@atlanta.com", "sip:alice@atlanta.com"))
        #expect(try !equivalent("sip:alice@atlanta.com", "sip:atlanta.com"))
        for name in ["user=phone", "ttl=1", "method=INVITE", "maddr=239.1.1.1", "transport=tcp"] {
            #expect(try !equivalent("sip:a@h", "sip:a@h;\(name)"), "\(name)")
        }
        #expect(try equivalent("sip:a@h;maddr=Example.COM", "sip:a@h;MADDR=example.com"))
        #expect(try !equivalent("sip:a@h;lr", "sip:a@h;lr=on"))
        #expect(try equivalent("sip:a@h;lr", "sip:a@h"))
        #expect(try !equivalent("sip:a@h?subject=x", "sip:a@h?subject=X"))
        #expect(try equivalent("sip:a@h?subject=x", "sip:a@h?SUBJECT=x"))
        #expect(try !equivalent("sip:a@h?a=1", "sip:a@h?a=1&a=1"))
        // RFC 5954 §4: IPv6 references compare as addresses.
        #expect(try equivalent("sip:a@[2001:db8::1]", "sip:a@[2001:DB8:0:0:0:0:0:1]"))
        #expect(try equivalent("sip:a@[::ffff:192.0.2.1]", "sip:a@[::FFFF:c000:201]"))
        #expect(try !equivalent("sip:a@[2001:db8::1]", "sip:a@[2001:db8::2]"))
        // Escaped NUL compares like any other octet.
        #expect(try equivalent("sip:null-%00-null@example.com", "sip:null-%00-null@EXAMPLE.com"))
        #expect(try !equivalent("sip:null-%00-null@example.com", "sip:null--null@example.com"))
    }

    @Test func equalityIsStructural() throws {
        let a = try parseSIP("sip:alice@atlanta.com;transport=tcp;lr")
        let b = try parseSIP("sip:alice@atlanta.com;lr;transport=tcp")
        #expect(a != b)
        #expect(a.isEquivalent(to: b))
        #expect(a == (try parseSIP("sip:alice@atlanta.com;transport=tcp;lr")))
    }
}
