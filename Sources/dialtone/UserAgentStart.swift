import DialtoneConfig
import SIPCore
import SIPNIO
import SIPTransaction
import SIPUserAgent

/// Starts the user agent's runner the way the screen and the headless commands both do:
/// the bind address and policies from the flags over the config, the address we advertise
/// (the one the system would use toward `peerHost` when bound to the wildcard), a default
/// PCMU/PCMA offer, and one socket per transport the accounts need.
enum UserAgentStart {
    static func runner(flags: AccountFlags, configuration config: DialtoneConfiguration, accounts: [SIPAccount],
                       peerHost: String, autoAnswer: Bool = false, defaultBind: SIPAddress? = nil) async throws -> SIPUserAgentRunner {
        // `defaultBind` stands in when neither --bind nor the config's `bind` says.
        let bind = flags.bind == nil && config.bind == nil ? (defaultBind ?? .ipv4("0.0.0.0", 0)) : try flags.bindAddress(configured: config.bind)
        let policies = try flags.policies(from: config)
        let flagTransport = try flags.parsedTransport()
        let advertised = bind.isWildcard ? (SIPUserAgentRunner.localHost(toward: hostOnly(peerHost)) ?? "127.0.0.1") : nil
        // As a URI writes it: an IPv6 address in brackets.
        let contactHost = (advertised.map { $0.contains(":") ? "[\($0)]" : $0 }) ?? bind.sipHost
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
            autoAnswer: autoAnswer || config.autoAnswer,
            timerValues: timers,
            userAgentName: "Dialtone/0.1",
            defaultSession: SessionOffer.make(host: contactHost, port: 40_000 + 2 * Int.random(in: 0..<5000),
                                              sessionID: UInt64.random(in: 1..<UInt64(Int64.max))))
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
