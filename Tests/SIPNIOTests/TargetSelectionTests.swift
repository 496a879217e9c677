import SIPCore
import Testing
@testable import SIPNIO

/// A name service made of tables: what each look-up returns, and a record of the
/// look-ups made.
final class TableLookup: SIPNameLookup, @unchecked Sendable {
    // @unchecked: the tables are written only before the first look-up and the
    // resolver runs on one thread in these tests; `asked` is only read afterwards.
    var records: [String: DNSLookupResult] = [:]
    var addresses: [String: [String]] = [:]
    var asked: [String] = []

    func records(_ name: String, type: DNSRecordType) throws(SIPNameLookupError) -> DNSLookupResult {
        asked.append("\(type) \(name)")
        guard let result = records["\(type) \(name)"] else { throw .noSuchName }
        return result
    }

    func addresses(of host: String) throws(SIPNameLookupError) -> [String] {
        asked.append("A/AAAA \(host)")
        guard let found = addresses[host] else { throw .noSuchName }
        return found
    }

    func naptr(_ domain: String, _ entries: [(UInt16, UInt16, String, String)]) {
        records["NAPTR \(domain)"] = DNSLookupResult(records: entries.map { order, preference, service, replacement in
            DNSResourceRecord(name: domain, type: .naptr, ttl: 60, data: .naptr(DNSNAPTRRecord(
                order: order, preference: preference, flags: "s", services: service, regexp: "", replacement: replacement)))
        })
    }

    func srv(_ name: String, _ entries: [(UInt16, UInt16, UInt16, String)], additional: [DNSResourceRecord] = []) {
        records["SRV \(name)"] = DNSLookupResult(records: entries.map { priority, weight, port, target in
            DNSResourceRecord(name: name, type: .srv, ttl: 60, data: .srv(DNSSRVRecord(priority: priority, weight: weight, port: port, target: target)))
        }, additionalAddresses: additional)
    }
}

@Suite("RFC 3263 target selection")
struct TargetSelectionTests {
    func uri(_ text: String) throws -> SIPURI { try SIPURI(parsing: text) }

    // MARK: Plans: what the URI alone decides

    @Test func numericHostsNeedNoDNS() throws {
        #expect(try SIPTargetPlan.plan(for: uri("sip:bob@192.0.2.4")) ==
            .numeric(SIPTransportTarget(transport: .udp, address: .ipv4("192.0.2.4", 5060))))
        #expect(try SIPTargetPlan.plan(for: uri("sip:bob@[2001:db8::4]:5070;transport=tcp")) ==
            .numeric(SIPTransportTarget(transport: .tcp, address: .ipv6("2001:db8::4", 5070), allowsTCPForLargeRequests: false)))
        #expect(try SIPTargetPlan.plan(for: uri("sips:bob@192.0.2.4")) ==
            .numeric(SIPTransportTarget(transport: .tls, address: .ipv4("192.0.2.4", 5061))))
    }

    @Test func transportParameterPicksTheTransport() throws {
        #expect(try SIPTargetPlan.plan(for: uri("sip:example.com;transport=tcp")) ==
            .serviceLookup(host: "example.com", transport: .tcp, serverName: "example.com", explicitTransport: true))
        // transport=tcp in a SIPS URI means TLS over TCP.
        #expect(try SIPTargetPlan.plan(for: uri("sips:example.com;transport=tcp")) ==
            .serviceLookup(host: "example.com", transport: .tls, serverName: "example.com", explicitTransport: true))
        #expect(try SIPTargetPlan.plan(for: uri("sip:example.com;transport=TLS")) ==
            .serviceLookup(host: "example.com", transport: .tls, serverName: "example.com", explicitTransport: true))
    }

    @Test func explicitPortMeansAddressLookupOnly() throws {
        #expect(try SIPTargetPlan.plan(for: uri("sip:bob@pbx.example.com:5080")) ==
            .addressLookup(host: "pbx.example.com", port: 5080, transport: .udp, serverName: "pbx.example.com", explicitTransport: false))
        #expect(try SIPTargetPlan.plan(for: uri("sips:bob@pbx.example.com:5081")) ==
            .addressLookup(host: "pbx.example.com", port: 5081, transport: .tls, serverName: "pbx.example.com", explicitTransport: false))
    }

    @Test func maddrReplacesTheHostButNotTheTLSName() throws {
        #expect(try SIPTargetPlan.plan(for: uri("sips:bob@example.com;maddr=192.0.2.9")) ==
            .numeric(SIPTransportTarget(transport: .tls, address: .ipv4("192.0.2.9", 5061), tlsServerName: "example.com")))
        #expect(try SIPTargetPlan.plan(for: uri("sip:bob@example.com;maddr=proxy.example.net")) ==
            .naptrLookup(host: "proxy.example.net", secure: false, serverName: "example.com"))
    }

    @Test func aNameAloneStartsWithNAPTR() throws {
        #expect(try SIPTargetPlan.plan(for: uri("sip:alice@Example.COM")) ==
            .naptrLookup(host: "Example.COM", secure: false, serverName: "Example.COM"))
    }

    @Test func transportsDialtoneDoesNotSpeakAreErrors() throws {
        let sctp = #expect(throws: SIPTransportError.self) { try SIPTargetPlan.plan(for: uri("sip:example.com;transport=sctp")) }
        #expect(sctp?.kind == .unsupportedTransport)
        #expect(sctp?.message.contains("transport=sctp") == true)
        let udpSIPS = #expect(throws: SIPTransportError.self) { try SIPTargetPlan.plan(for: uri("sips:example.com;transport=udp")) }
        #expect(udpSIPS?.message.contains("SIPS") == true)
    }

    @Test func responsePlansFollowRFC3263Section6() {
        #expect(SIPTargetPlan.plan(forResponseTo: "[::1]", port: nil, transport: .tcp) ==
            .numeric(SIPTransportTarget(transport: .tcp, address: .ipv6("::1", 5060))))
        #expect(SIPTargetPlan.plan(forResponseTo: "pc33.example.com", port: 5066, transport: .udp) ==
            .addressLookup(host: "pc33.example.com", port: 5066, transport: .udp, serverName: "pc33.example.com", explicitTransport: true))
        #expect(SIPTargetPlan.plan(forResponseTo: "pc33.example.com", port: nil, transport: .tls) ==
            .serviceLookup(host: "pc33.example.com", transport: .tls, serverName: "pc33.example.com", explicitTransport: true))
    }

    // MARK: Resolution with a name service

    @Test func naptrThenSRVThenAddresses() throws {
        let dns = TableLookup()
        dns.naptr("example.com", [
            (20, 10, "SIP+D2U", "_sip._udp.example.com"),
            (10, 10, "SIPS+D2T", "_sips._tcp.example.com"),
            (10, 20, "SIP+D2T", "_sip._tcp.example.com"),
            (5, 10, "SIP+D2S", "_sip._sctp.example.com"),   // SCTP: skipped
        ])
        dns.srv("_sips._tcp.example.com", [(0, 0, 5061, "tls.example.com")])
        dns.srv("_sip._tcp.example.com", [(0, 0, 5060, "tcp.example.com")],
                additional: [DNSResourceRecord(name: "tcp.example.com", type: .a, ttl: 60, data: .address("192.0.2.2"))])
        dns.srv("_sip._udp.example.com", [(0, 0, 5062, "udp.example.com")])
        dns.addresses = ["tls.example.com": ["192.0.2.1", "2001:db8::1"], "udp.example.com": ["192.0.2.3"]]

        var random = SplitMix64(seed: 1)
        let targets = try SIPTargetResolver(lookup: dns).resolve(uri("sip:bob@example.com"), using: &random)
        #expect(targets == [
            SIPTransportTarget(transport: .tls, address: .ipv4("192.0.2.1", 5061), tlsServerName: "example.com"),
            SIPTransportTarget(transport: .tls, address: .ipv6("2001:db8::1", 5061), tlsServerName: "example.com"),
            SIPTransportTarget(transport: .tcp, address: .ipv4("192.0.2.2", 5060)),
            SIPTransportTarget(transport: .udp, address: .ipv4("192.0.2.3", 5062)),
        ])
        // The TCP target's address came from the additional section: not looked up again.
        #expect(!dns.asked.contains("A/AAAA tcp.example.com"))
    }

    @Test func aSIPSURIUsesOnlySIPSD2T() throws {
        let dns = TableLookup()
        dns.naptr("example.com", [(10, 10, "SIP+D2U", "_sip._udp.example.com"), (20, 10, "SIPS+D2T", "_sips._tcp.example.com")])
        dns.srv("_sips._tcp.example.com", [(0, 0, 5061, "tls.example.com")])
        dns.addresses = ["tls.example.com": ["192.0.2.1"]]
        let targets = try SIPTargetResolver(lookup: dns).resolve(uri("sips:bob@example.com"))
        #expect(targets.map(\.transport) == [.tls])
        #expect(!dns.asked.contains("SRV _sip._udp.example.com"))
    }

    @Test func noNAPTRFallsBackToSRVForEachTransport() throws {
        let dns = TableLookup()
        dns.records["NAPTR example.com"] = .empty
        dns.srv("_sip._tcp.example.com", [(0, 0, 5060, "pbx.example.com")])
        dns.addresses = ["pbx.example.com": ["192.0.2.7"]]
        let targets = try SIPTargetResolver(lookup: dns).resolve(uri("sip:example.com"))
        #expect(targets == [SIPTransportTarget(transport: .tcp, address: .ipv4("192.0.2.7", 5060))])
        #expect(dns.asked == ["NAPTR example.com", "SRV _sip._udp.example.com", "SRV _sip._tcp.example.com",
                              "A/AAAA pbx.example.com", "SRV _sips._tcp.example.com"])
    }

    @Test func noSRVFallsBackToAddressesOnTheDefaultPort() throws {
        let dns = TableLookup()
        dns.addresses = ["example.com": ["192.0.2.8"]]
        #expect(try SIPTargetResolver(lookup: dns).resolve(uri("sip:example.com")) ==
            [SIPTransportTarget(transport: .udp, address: .ipv4("192.0.2.8", 5060))])
        #expect(try SIPTargetResolver(lookup: dns).resolve(uri("sips:example.com")) ==
            [SIPTransportTarget(transport: .tls, address: .ipv4("192.0.2.8", 5061), tlsServerName: "example.com")])
    }

    @Test func explicitPortLooksUpAddressesOnly() throws {
        let dns = TableLookup()
        dns.addresses = ["pbx.example.com": ["192.0.2.5", "2001:db8::5"]]
        let targets = try SIPTargetResolver(lookup: dns).resolve(uri("sip:pbx.example.com:5090;transport=tcp"))
        #expect(targets == [
            SIPTransportTarget(transport: .tcp, address: .ipv4("192.0.2.5", 5090), allowsTCPForLargeRequests: false),
            SIPTransportTarget(transport: .tcp, address: .ipv6("2001:db8::5", 5090), allowsTCPForLargeRequests: false),
        ])
        #expect(dns.asked == ["A/AAAA pbx.example.com"])
    }

    @Test func transportWithoutPortTriesSRVForThatTransport() throws {
        let dns = TableLookup()
        dns.srv("_sip._tcp.example.com", [(0, 0, 5070, "tcp.example.com")])
        dns.addresses = ["tcp.example.com": ["192.0.2.9"]]
        let targets = try SIPTargetResolver(lookup: dns).resolve(uri("sip:example.com;transport=tcp"))
        #expect(targets.map(\.address) == [.ipv4("192.0.2.9", 5070)])
        #expect(dns.asked == ["SRV _sip._tcp.example.com", "A/AAAA tcp.example.com"])
    }

    @Test func nothingFoundNamesEveryLookUp() throws {
        let dns = TableLookup()
        dns.records["NAPTR nowhere.example"] = .empty
        let error = #expect(throws: SIPTransportError.self) { try SIPTargetResolver(lookup: dns).resolve(uri("sip:bob@nowhere.example")) }
        #expect(error?.kind == .resolutionFailed)
        #expect(error?.message == "found no address for sip:bob@nowhere.example: NAPTR nowhere.example: no records; "
            + "SRV _sip._udp.nowhere.example: no such name; SRV _sip._tcp.nowhere.example: no such name; "
            + "SRV _sips._tcp.nowhere.example: no such name; A/AAAA nowhere.example: no such name")
    }

    @Test func aDotTargetMeansNoService() throws {
        let dns = TableLookup()
        dns.srv("_sip._udp.example.com", [(0, 0, 0, "")])
        dns.addresses = ["example.com": ["192.0.2.1"]]
        let targets = try SIPTargetResolver(lookup: dns).resolve(uri("sip:example.com;transport=udp"))
        #expect(targets.map(\.address) == [.ipv4("192.0.2.1", 5060)])
    }

    @Test func srvOrderIsByPriorityThenWeight() {
        let records = [
            DNSSRVRecord(priority: 20, weight: 0, port: 1, target: "c"),
            DNSSRVRecord(priority: 10, weight: 100, port: 2, target: "a"),
            DNSSRVRecord(priority: 10, weight: 0, port: 3, target: "b"),
        ]
        var firstIsA = 0
        var random = SplitMix64(seed: 7)
        for _ in 0..<200 {
            let ordered = SIPTargetResolver.orderSRV(records, using: &random)
            #expect(ordered.last?.target == "c")
            if ordered.first?.target == "a" { firstIsA += 1 }
        }
        // Weight 100 against 0: "a" comes first nearly always (RFC 2782).
        #expect(firstIsA > 190)
    }
}
