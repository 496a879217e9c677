import DialtoneConfig
import SIPCore
import SIPNIO
import SIPTransaction
import SIPUserAgent

/// Where Dialtone listens and what address it gives peers: for SIP (Contact, Via) and for
/// media (the SDP's c= line), which must be the same one (the issue: "the one used for SIP
/// to that peer").
struct LocalPlacement: Sendable {
    var bind: SIPAddress
    /// The address advertised when bound to the wildcard (the route toward the peer).
    var advertised: String?
    /// As a URI writes it: an IPv6 address in brackets.
    var contactHost: String
    /// The address for c= (no brackets).
    var mediaHost: String { UserAgentStart.hostOnly(contactHost) }
    /// Where RTP sockets bind: the same address SIP binds.
    var mediaBindHost: String { bind.isWildcard ? (mediaHost.contains(":") ? "::" : "0.0.0.0") : UserAgentStart.hostOnly(bind.host) }
}

/// Starts the user agent's runner the way the screen and the headless commands both do:
/// the bind address and policies from the flags over the config, the address we advertise
/// (the one the system would use toward `peerHost` when bound to the wildcard), and one
/// socket per transport the accounts need.
enum UserAgentStart {
    /// `defaultBind` stands in when neither --bind nor the config's `bind` says.
    static func placement(flags: AccountFlags, configuration config: DialtoneConfiguration, peerHost: String,
                          defaultBind: SIPAddress? = nil) throws -> LocalPlacement {
        let bind = flags.bind == nil && config.bind == nil ? (defaultBind ?? .ipv4("0.0.0.0", 0)) : try flags.bindAddress(configured: config.bind)
        let advertised = bind.isWildcard ? (SIPUserAgentRunner.localHost(toward: hostOnly(peerHost)) ?? "127.0.0.1") : nil
        let contactHost = (advertised.map { $0.contains(":") ? "[\($0)]" : $0 }) ?? bind.sipHost
        return LocalPlacement(bind: bind, advertised: advertised, contactHost: contactHost)
    }

    static func runner(flags: AccountFlags, configuration config: DialtoneConfiguration, accounts: [SIPAccount],
                       placement: LocalPlacement) async throws -> SIPUserAgentRunner {
        let bind = placement.bind
        let advertised = placement.advertised
        let contactHost = placement.contactHost
        let policies = try flags.policies(from: config)
        let flagTransport = try flags.parsedTransport()
        let t1 = Duration.milliseconds(max(1, flags.t1))
        let timers = SIPTimerValues(t1: t1, t2: max(t1, .seconds(4)), t4: .seconds(5))
        var transports: [SIPTransport] = [.udp]
        for transport in [flagTransport] + accounts.map(\.transport) {
            switch transport {
            case .udp: break
            case .tcp: if !transports.contains(.tcp) { transports.append(.tcp) }
            case .tls: if !transports.contains(.tls) { transports.append(.tls) }
            }
        }
        let configuration = SIPUserAgentConfiguration(
            accounts: accounts,
            localIdentity: SIPURI(user: "dialtone", host: contactHost),
            redirectPolicy: policies.redirect,
            redirectLimit: policies.redirectLimit,
            authAttempts: policies.authAttempts,
            // Answering is the media controller's (it must make the answer's SDP).
            autoAnswer: false,
            timerValues: timers,
            userAgentName: "Dialtone/0.1")
        do {
            return try await SIPUserAgentRunner.start(
                configuration: configuration,
                options: .init(bind: bind, transports: transports, advertisedHost: advertised, timerValues: timers))
        } catch {
            throw HeadlessFailure("cannot listen on \(bind): \(error)")
        }
    }

    /// `[::1]` → `::1`: what the route probe takes.
    static func hostOnly(_ host: String) -> String {
        host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
    }
}
