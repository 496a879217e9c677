import SIPCore
import Testing
@testable import SIPNIO

func via(_ text: String) throws -> SIPVia {
    let message = try SIPMessageParser.parse("OPTIONS sip:x@example.com SIP/2.0\r\nVia: \(text)\r\n\r\n")
    return try #require(message.topVia)
}

@Suite("§18.2.2 response targets")
struct ResponseTargetTests {
    let udpSource = SIPMessageSource(transport: .udp, local: .ipv4("192.0.2.1", 5060), remote: .ipv4("198.51.100.7", 40_000))
    let tcpSource = SIPMessageSource(transport: .tcp, local: .ipv4("192.0.2.1", 5060), remote: .ipv4("198.51.100.7", 40_001),
                                     connection: SIPConnectionID(rawValue: 9))

    @Test func reliableGoesBackOverTheConnection() throws {
        let target = SIPResponseTarget.forResponse(
            topVia: try via("SIP/2.0/TCP pc33.example.com:5070;branch=z9hG4bK1;received=198.51.100.7"), sourceOfRequest: tcpSource)
        // The connection first; if it has closed, connect to received on the sent-by port.
        #expect(target == SIPResponseTarget(transport: .tcp, connection: SIPConnectionID(rawValue: 9), host: "198.51.100.7", port: 5070))
    }

    @Test func reliableWithoutPortUsesTheDefault() throws {
        let tls = SIPResponseTarget.forResponse(
            topVia: try via("SIP/2.0/TLS 198.51.100.7;branch=z9hG4bK1"), sourceOfRequest: tcpSource)
        #expect(tls == SIPResponseTarget(transport: .tls, connection: SIPConnectionID(rawValue: 9), host: "198.51.100.7", port: 5061))
        // A name without a port: RFC 3263 §6 (SRV) decides the port.
        let named = SIPResponseTarget.forResponse(
            topVia: try via("SIP/2.0/TCP pc33.example.com;branch=z9hG4bK1"), sourceOfRequest: tcpSource)
        #expect(named?.port == nil)
        #expect(named?.host == "pc33.example.com")
    }

    @Test func unreliableUsesMaddrFirst() throws {
        let target = SIPResponseTarget.forResponse(
            topVia: try via("SIP/2.0/UDP pc33.example.com:5070;branch=z9hG4bK1;maddr=239.255.255.1;ttl=1;received=198.51.100.7"),
            sourceOfRequest: udpSource)
        #expect(target == SIPResponseTarget(transport: .udp, host: "239.255.255.1", port: 5070, localAddress: udpSource.local))
    }

    @Test func unreliableUsesReceivedAndRport() throws {
        let withRport = SIPResponseTarget.forResponse(
            topVia: try via("SIP/2.0/UDP 10.0.0.5:5070;branch=z9hG4bK1;received=198.51.100.7;rport=40000"), sourceOfRequest: udpSource)
        #expect(withRport == SIPResponseTarget(transport: .udp, host: "198.51.100.7", port: 40_000, localAddress: udpSource.local))
        let withoutRport = SIPResponseTarget.forResponse(
            topVia: try via("SIP/2.0/UDP 10.0.0.5:5070;branch=z9hG4bK1;received=198.51.100.7"), sourceOfRequest: udpSource)
        #expect(withoutRport?.port == 5070)
        let noPort = SIPResponseTarget.forResponse(
            topVia: try via("SIP/2.0/UDP 10.0.0.5;branch=z9hG4bK1;received=198.51.100.7"), sourceOfRequest: udpSource)
        #expect(noPort?.port == 5060)
    }

    @Test func unreliableOtherwiseUsesSentBy() throws {
        let numeric = SIPResponseTarget.forResponse(
            topVia: try via("SIP/2.0/UDP 198.51.100.7;branch=z9hG4bK1"), sourceOfRequest: udpSource)
        #expect(numeric == SIPResponseTarget(transport: .udp, host: "198.51.100.7", port: 5060, localAddress: udpSource.local))
        let named = SIPResponseTarget.forResponse(
            topVia: try via("SIP/2.0/UDP pc33.example.com;branch=z9hG4bK1"), sourceOfRequest: udpSource)
        #expect(named == SIPResponseTarget(transport: .udp, host: "pc33.example.com", port: nil, localAddress: udpSource.local))
    }

    @Test func ipv6ReceivedKeepsItsAddress() throws {
        let source = SIPMessageSource(transport: .udp, local: .ipv6("::1", 5060), remote: .ipv6("2001:db8::9", 5062))
        let target = SIPResponseTarget.forResponse(
            topVia: try via("SIP/2.0/UDP [2001:db8::1]:5070;branch=z9hG4bK1;received=[2001:db8::9];rport=5062"), sourceOfRequest: source)
        #expect(target?.host == "[2001:db8::9]")
        #expect(target?.port == 5062)
        #expect(SIPAddress(host: target!.host, port: target!.port!) == .ipv6("2001:db8::9", 5062))
    }

    @Test func unknownTransportsCannotBeAnswered() throws {
        #expect(SIPResponseTarget.forResponse(topVia: try via("SIP/2.0/SCTP 198.51.100.7;branch=z9hG4bK1"), sourceOfRequest: udpSource) == nil)
    }
}

@Suite("§18.1.1 request size")
struct RequestSizeRuleTests {
    @Test func smallRequestsStayOnUDP() {
        #expect(SIPRequestSizeRule.transport(forRequestOfSize: 1300, chosen: .udp, targetAllowsTCP: true) == .udp)
    }

    @Test func largeRequestsMoveToTCPWhenAllowed() {
        #expect(SIPRequestSizeRule.transport(forRequestOfSize: 1301, chosen: .udp, targetAllowsTCP: true) == .tcp)
        #expect(SIPRequestSizeRule.transport(forRequestOfSize: 1301, chosen: .udp, targetAllowsTCP: false) == .udp)
    }

    @Test func aKnownMTUSetsTheLimit() {
        #expect(SIPRequestSizeRule.udpLimit(pathMTU: 9000) == 8800)
        #expect(SIPRequestSizeRule.transport(forRequestOfSize: 5000, chosen: .udp, pathMTU: 9000, targetAllowsTCP: true) == .udp)
        #expect(SIPRequestSizeRule.transport(forRequestOfSize: 1301, chosen: .udp, pathMTU: 1500, targetAllowsTCP: true) == .tcp)
    }

    @Test func streamsAreLeftAlone() {
        #expect(SIPRequestSizeRule.transport(forRequestOfSize: 60_000, chosen: .tls, targetAllowsTCP: true) == .tls)
        #expect(SIPRequestSizeRule.transport(forRequestOfSize: 60_000, chosen: .tcp, targetAllowsTCP: false) == .tcp)
    }
}

@Suite("Via on receipt and on sending")
struct ViaStampTests {
    let source = SIPAddress.ipv4("198.51.100.7", 40_000)

    @Test func receivedIsAddedWhenTheHostDiffers() throws {
        let stamped = SIPViaStamp.receivedVia(try via("SIP/2.0/UDP pc33.example.com:5060;branch=z9hG4bK1"), source: source)
        #expect(stamped?.description == "SIP/2.0/UDP pc33.example.com:5060;branch=z9hG4bK1;received=198.51.100.7")
    }

    @Test func nothingChangesWhenTheHostIsTheSource() throws {
        #expect(SIPViaStamp.receivedVia(try via("SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK1"), source: source) == nil)
        // Another spelling of the same IPv6 address is the same host.
        let v6 = SIPViaStamp.receivedVia(try via("SIP/2.0/UDP [2001:db8:0::9];branch=z9hG4bK1"), source: .ipv6("2001:db8::9", 5060))
        #expect(v6 == nil)
    }

    @Test func rportIsFilledAndReceivedAlwaysAdded() throws {
        // RFC 3581 §4: received goes in even when the host is the source.
        let stamped = SIPViaStamp.receivedVia(try via("SIP/2.0/UDP 198.51.100.7:5060;rport;branch=z9hG4bK1"), source: source)
        #expect(stamped?.description == "SIP/2.0/UDP 198.51.100.7:5060;rport=40000;branch=z9hG4bK1;received=198.51.100.7")
        #expect(stamped?.rport == .port(40_000))
    }

    @Test func ipv6ReceivedIsBracketedAndReadsBack() throws {
        let stamped = try #require(SIPViaStamp.receivedVia(try via("SIP/2.0/UDP [2001:db8::1];rport;branch=z9hG4bK1"),
                                                           source: .ipv6("2001:db8::9", 5062)))
        #expect(stamped.received == "[2001:db8::9]")
        let reparsed = try via(stamped.description)
        #expect(reparsed == stamped)
    }

    @Test func stampingARequestRewritesOnlyTheTopVia() throws {
        let request = try SIPMessageParser.parse("""
            INVITE sip:bob@example.com SIP/2.0\r
            Via: SIP/2.0/UDP proxy.example.com;rport;branch=z9hG4bKp1, SIP/2.0/UDP pc33.example.com;branch=z9hG4bKu1\r
            Via: SIP/2.0/UDP old.example.com;branch=z9hG4bKo1\r
            Call-ID: a\r
            CSeq: 1 INVITE\r
            Content-Length: 0\r
            \r

            """)
        let stamped = request.stampedOnReceipt(from: source)
        #expect(stamped.values(.via).count == 2)   // only the top entry is rewritten
        #expect(stamped.values(.via).last == "SIP/2.0/UDP old.example.com;branch=z9hG4bKo1")
        #expect(stamped.callID == "a")
        #expect(stamped.headers.first?.name == "Via")
        #expect(stamped.vias.map(\.description) == [
            "SIP/2.0/UDP proxy.example.com;rport=40000;branch=z9hG4bKp1;received=198.51.100.7",
            "SIP/2.0/UDP pc33.example.com;branch=z9hG4bKu1",
            "SIP/2.0/UDP old.example.com;branch=z9hG4bKo1",
        ])
        // A response is left as it is.
        let response = try SIPMessageParser.parse("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;rport;branch=z9hG4bK1\r\n\r\n")
        #expect(response.stampedOnReceipt(from: source).serialized() == response.serialized())
    }

    @Test func outgoingViaGetsTransportSentByBranchAndRport() {
        var random = SplitMix64(seed: 42)
        let via = SIPViaStamp.outgoingVia(existing: nil, transport: .tcp, sentByHost: "[::1]", sentByPort: 5070,
                                          branch: nil, using: &random)
        #expect(via.transport == "TCP")
        #expect(via.sentBy == "[::1]:5070")
        #expect(via.hasMagicCookie)
        #expect(via.rport == .requested)
        var again = SplitMix64(seed: 42)
        #expect(SIPViaStamp.outgoingVia(existing: nil, transport: .tcp, sentByHost: "[::1]", sentByPort: 5070,
                                        branch: nil, using: &again) == via)   // injected randomness: same branch
    }

    @Test func outgoingViaKeepsTheCallersBranch() throws {
        var random = SplitMix64(seed: 1)
        let existing = try via("SIP/2.0/UDP placeholder.invalid;branch=z9hG4bKmine;received=1.2.3.4;rport=9")
        let rewritten = SIPViaStamp.outgoingVia(existing: existing, transport: .udp, sentByHost: "192.0.2.1", sentByPort: 5060,
                                                branch: nil, using: &random)
        #expect(rewritten.description == "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKmine;rport")
        let supplied = SIPViaStamp.outgoingVia(existing: nil, transport: .udp, sentByHost: "192.0.2.1", sentByPort: 5060,
                                               branch: "z9hG4bKgiven", using: &random)
        #expect(supplied.branch == "z9hG4bKgiven")
    }

    @Test func aRequestWithoutViaGetsOneFirst() {
        let request = SIPMessage.request(.options, uri: "sip:bob@example.com",
                                         headers: [SIPHeaderField(name: "Call-ID", value: "x"), SIPHeaderField(name: "CSeq", value: "1 OPTIONS")])
        let via = SIPVia(transport: "UDP", host: "192.0.2.1", port: 5060, parameters: [SIPParameter(name: "branch", value: "z9hG4bK1")])
        let stamped = request.replacingTopVia(with: via)
        #expect(stamped.headers.first?.name == "Via")
        #expect(stamped.topVia == via)
        #expect(stamped.callID == "x")
        // Stamping again (a retransmission) gives the same octets.
        let again = stamped.replacingTopVia(with: via)
        #expect(again.serialized() == stamped.serialized())
    }

    @Test func branchesAreMagicAndDistinct() {
        var random = SplitMix64(seed: 9)
        let branches = (0..<100).map { _ in SIPBranch.make(using: &random) }
        #expect(Set(branches).count == 100)
        #expect(branches.allSatisfy { $0.hasPrefix("z9hG4bK") && $0.count == 29 })
    }
}
