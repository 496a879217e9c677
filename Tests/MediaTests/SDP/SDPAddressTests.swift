import Testing

@testable import Media

@Suite("SDPAddress: which c= addresses media may be sent to")
struct SDPAddressTests {
    @Test("IPv4", arguments: [
        ("192.0.2.1", true), ("0.0.0.0", true), ("255.255.255.255", true), ("256.1.1.1", false),
        ("1.2.3", false), ("1.2.3.4.5", false), ("1..2.3", false), ("a.b.c.d", false), ("1.2.3.0001", false),
    ])
    func ipv4(text: String, valid: Bool) {
        #expect(SDPAddress.isIPv4Literal(text) == valid)
    }

    @Test("IPv6", arguments: [
        ("::", true), ("::1", true), ("2001:db8::1", true), ("2001:db8:0:0:0:0:0:1", true), ("fe80::1:2", true),
        ("::ffff:192.0.2.1", true), ("1:2:3:4:5:6:192.0.2.1", true), ("1:2:3:4:5:6:7::", true),
        ("1:2:3:4:5:6:7:8:9", false), ("1::2::3", false), ("2001:db8::g", false), ("12345::", false),
        ("1:2:3:4:5:6:7", false), (":::", false), ("192.0.2.1", false), ("::1.2.3", false),
    ])
    func ipv6(text: String, valid: Bool) {
        #expect(SDPAddress.isIPv6Literal(text) == valid)
    }

    @Test("connection problems", arguments: [
        ("IN", "IP4", "192.0.2.1", nil),
        ("IN", "IP4", "host.atlanta.example.com", nil),
        ("IN", "IP6", "2001:db8::1", nil),
        ("in", "ip4", "192.0.2.1", nil),
        ("IN", "IP4", "224.2.1.1", "224.2.1.1 is a multicast address"),
        ("IN", "IP4", "224.2.1.1/127", "\"224.2.1.1/127\" is not an IPv4 address or host name"),
        ("IN", "IP6", "ff02::1", "ff02::1 is a multicast address"),
        ("IN", "IP4", "999.1.1.1", "\"999.1.1.1\" is not an IPv4 address or host name"),
        ("IN", "IP4", "bad_host", "\"bad_host\" is not an IPv4 address or host name"),
        ("ATM", "NSAP", "47.0005", "network type ATM is not IN"),
        ("IN", "IPX", "1", "address type IPX is not IP4 or IP6"),
    ] as [(String, String, String, String?)])
    func problems(netType: String, addrType: String, address: String, problem: String?) {
        #expect(SDPAddress.problem(with: SDPConnection(netType: netType, addrType: addrType, address: address)) == problem)
    }
}
