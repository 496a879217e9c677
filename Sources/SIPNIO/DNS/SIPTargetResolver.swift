import SIPCore

/// RFC 3263 resolution: from a SIP or SIPS URI to the ordered list of transport targets
/// to try (§4.3: on a transport failure, the next one).
///
/// NAPTR (§4.1) → SRV (§4.2) → A/AAAA, with the fall-backs the RFC gives: no NAPTR →
/// SRV for `_sip._udp`, `_sip._tcp`, `_sips._tcp` (only `_sips._tcp` for a SIPS URI); no
/// SRV → A/AAAA on 5060 (5061 for TLS). When nothing is found the error names every
/// look-up made and what it gave.
///
/// Every method blocks on the name service: call them on a thread pool
/// (`SIPTransportLayer` does).
public struct SIPTargetResolver: Sendable {
    public var lookup: any SIPNameLookup
    /// Transports to consider, in the order preferred when DNS does not order them.
    public var transports: [SIPTransport]

    public init(lookup: any SIPNameLookup = SystemNameLookup(), transports: [SIPTransport] = [.udp, .tcp, .tls]) {
        self.lookup = lookup
        self.transports = transports
    }

    /// The targets for `uri`, in the order to try them. SRV records of equal priority
    /// are ordered by `random` as RFC 2782 asks (weights).
    public func resolve<Random: RandomNumberGenerator>(_ uri: SIPURI, using random: inout Random) throws(SIPTransportError) -> [SIPTransportTarget] {
        try run(SIPTargetPlan.plan(for: uri), what: uri.description, using: &random)
    }

    public func resolve(_ uri: SIPURI) throws(SIPTransportError) -> [SIPTransportTarget] {
        var random = SystemRandomNumberGenerator()
        return try resolve(uri, using: &random)
    }

    /// Carries out a plan.
    public func run<Random: RandomNumberGenerator>(_ plan: SIPTargetPlan, what: String, using random: inout Random) throws(SIPTransportError) -> [SIPTransportTarget] {
        var trail: [String] = []
        let targets: [SIPTransportTarget]
        switch plan {
        case let .numeric(target):
            guard transports.contains(target.transport) else {
                throw .unsupportedTransport("\(what) needs \(target.transport), which this transport layer does not offer")
            }
            return [target]
        case let .addressLookup(host, port, transport, serverName, explicit):
            targets = addressTargets(host: host, port: port, transport: transport, serverName: serverName,
                                     explicit: explicit, additional: [], trail: &trail)
        case let .serviceLookup(host, transport, serverName, explicit):
            var found = serviceTargets(service: Self.serviceName(transport, secure: transport == .tls, host: host),
                                       transport: transport, serverName: serverName, explicit: explicit,
                                       trail: &trail, random: &random)
            if found.isEmpty {
                found = addressTargets(host: host, port: transport.defaultPort, transport: transport,
                                       serverName: serverName, explicit: explicit, additional: [], trail: &trail)
            }
            targets = found
        case let .naptrLookup(host, secure, serverName):
            targets = naptrTargets(host: host, secure: secure, serverName: serverName, trail: &trail, random: &random)
        }
        guard !targets.isEmpty else {
            throw SIPTransportError(.resolutionFailed, "found no address for \(what): \(trail.joined(separator: "; "))")
        }
        return targets
    }

    // MARK: NAPTR (§4.1)

    /// The transport a NAPTR service field names (RFC 3263 §4.1).
    static func transport(forNAPTRService service: String) -> SIPTransport? {
        switch service.uppercased() {
        case "SIP+D2U": .udp
        case "SIP+D2T": .tcp
        case "SIPS+D2T": .tls
        default: nil
        }
    }

    func naptrTargets<Random: RandomNumberGenerator>(host: String, secure: Bool, serverName: String,
                                                     trail: inout [String], random: inout Random) -> [SIPTransportTarget] {
        let naptr = records(host, .naptr, trail: &trail)
        var usable: [(DNSNAPTRRecord, SIPTransport)] = []
        for record in naptr {
            guard case let .naptr(n) = record.data, n.flags.lowercased() == "s", !n.replacement.isEmpty,
                  let transport = Self.transport(forNAPTRService: n.services), transports.contains(transport),
                  !secure || transport == .tls else { continue }
            usable.append((n, transport))
        }
        if !naptr.isEmpty && usable.isEmpty {
            trail.append("no NAPTR record of \(host) names a transport Dialtone speaks (\(secure ? "SIPS+D2T" : "SIP+D2U, SIP+D2T, SIPS+D2T"))")
        }
        usable.sort { ($0.0.order, $0.0.preference) < ($1.0.order, $1.0.preference) }
        var targets: [SIPTransportTarget] = []
        for (record, transport) in usable {
            targets += serviceTargets(service: record.replacement, transport: transport, serverName: serverName,
                                      explicit: false, trail: &trail, random: &random)
        }
        if !targets.isEmpty { return targets }

        // No (usable) NAPTR: SRV for each transport (§4.1, last paragraph).
        let services: [(SIPTransport, String)] = secure
            ? [(.tls, Self.serviceName(.tls, secure: true, host: host))]
            : transports.map { ($0, Self.serviceName($0, secure: $0 == .tls, host: host)) }
        for (transport, service) in services where transports.contains(transport) {
            targets += serviceTargets(service: service, transport: transport, serverName: serverName,
                                      explicit: false, trail: &trail, random: &random)
        }
        if !targets.isEmpty { return targets }

        // No SRV: the host's addresses, UDP (TLS for SIPS) on the default port (§4.2).
        let transport: SIPTransport = secure ? .tls : (transports.first ?? .udp)
        return addressTargets(host: host, port: transport.defaultPort, transport: transport, serverName: serverName,
                              explicit: false, additional: [], trail: &trail)
    }

    /// `_sip._udp.example.com`, `_sip._tcp.…`, `_sips._tcp.…`.
    static func serviceName(_ transport: SIPTransport, secure: Bool, host: String) -> String {
        switch transport {
        case .udp: "_sip._udp.\(host)"
        case .tcp: "_sip._tcp.\(host)"
        case .tls: "_sips._tcp.\(host)"
        }
    }

    // MARK: SRV (§4.2, RFC 2782)

    func serviceTargets<Random: RandomNumberGenerator>(service: String, transport: SIPTransport, serverName: String, explicit: Bool,
                                                       trail: inout [String], random: inout Random) -> [SIPTransportTarget] {
        var additional: [DNSResourceRecord] = []
        let found = records(service, .srv, trail: &trail, additional: &additional)
        let srv = found.compactMap { record -> DNSSRVRecord? in
            if case let .srv(s) = record.data { return s }
            return nil
        }
        // A single "." target says the service is decidedly not offered (RFC 2782).
        let offered = srv.filter { !$0.target.isEmpty }
        if !srv.isEmpty && offered.isEmpty { trail.append("SRV \(service): the service is not offered (target \".\")") }
        var targets: [SIPTransportTarget] = []
        for record in Self.orderSRV(offered, using: &random) {
            targets += addressTargets(host: record.target, port: Int(record.port), transport: transport,
                                      serverName: serverName, explicit: explicit, additional: additional, trail: &trail)
        }
        return targets
    }

    /// RFC 2782's order: lowest priority first; within a priority, a weighted random
    /// draw (zero weights first in the running sum, so they are picked only rarely).
    static func orderSRV<Random: RandomNumberGenerator>(_ records: [DNSSRVRecord], using random: inout Random) -> [DNSSRVRecord] {
        var ordered: [DNSSRVRecord] = []
        let priorities = Set(records.map(\.priority)).sorted()
        for priority in priorities {
            var group = records.filter { $0.priority == priority }
            group.sort { ($0.weight == 0 ? 0 : 1) < ($1.weight == 0 ? 0 : 1) }
            while !group.isEmpty {
                let total = group.reduce(0) { $0 + Int($1.weight) }
                let draw = total == 0 ? 0 : Int.random(in: 0...total, using: &random)
                var running = 0
                var chosen = group.count - 1
                for (index, record) in group.enumerated() {
                    running += Int(record.weight)
                    if running >= draw {
                        chosen = index
                        break
                    }
                }
                ordered.append(group.remove(at: chosen))
            }
        }
        return ordered
    }

    // MARK: A/AAAA

    func addressTargets(host: String, port: Int, transport: SIPTransport, serverName: String, explicit: Bool,
                        additional: [DNSResourceRecord], trail: inout [String]) -> [SIPTransportTarget] {
        var addresses: [String] = []
        if IPAddressText.isLiteral(host) {
            addresses = [SIPAddress.stripBrackets(host)]
        } else {
            for record in additional where record.name == host.lowercased() {
                if case let .address(text) = record.data, !addresses.contains(text) { addresses.append(text) }
            }
            if addresses.isEmpty {
                do {
                    addresses = try lookup.addresses(of: host)
                    if addresses.isEmpty { trail.append("A/AAAA \(host): no addresses") }
                } catch {
                    trail.append("A/AAAA \(host): \(error.detail)")
                }
            }
        }
        let name: String? = IPAddressText.isLiteral(serverName) ? nil : serverName
        return addresses.map {
            SIPTransportTarget(transport: transport, address: SIPAddress(host: $0, port: port),
                               tlsServerName: transport == .tls ? name : nil,
                               allowsTCPForLargeRequests: !explicit)
        }
    }

    // MARK: Look-ups that note what they found

    func records(_ name: String, _ type: DNSRecordType, trail: inout [String]) -> [DNSResourceRecord] {
        var ignored: [DNSResourceRecord] = []
        return records(name, type, trail: &trail, additional: &ignored)
    }

    func records(_ name: String, _ type: DNSRecordType, trail: inout [String],
                 additional: inout [DNSResourceRecord]) -> [DNSResourceRecord] {
        do {
            let result = try lookup.records(name, type: type)
            if result.records.isEmpty { trail.append("\(type) \(name): no records") }
            additional = result.additionalAddresses
            return result.records
        } catch {
            trail.append("\(type) \(name): \(error.detail)")
            return []
        }
    }
}
