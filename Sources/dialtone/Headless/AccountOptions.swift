import ArgumentParser
import SIPCore
import SIPNIO
import SIPUserAgent

/// The account flags shared by `call`, `register` and `answer`: the same names as the
/// config keys.
struct AccountOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Address of record: who we are.", valueName: "sip:alice@example.test"))
    var aor: String?

    @Option(name: .customLong("display-name"), help: "Display name in From.")
    var displayName: String?

    @Option(help: ArgumentHelp("Registrar.", valueName: "sip:host[:port]"))
    var registrar: String?

    @Option(help: ArgumentHelp("Outbound proxy: every request goes there first.", valueName: "sip:host[:port]"))
    var proxy: String?

    @Option(help: ArgumentHelp("Username for digest authentication (default: the AOR's user).", valueName: "NAME"))
    var user: String?

    @Option(help: "Only use --user for this realm.")
    var realm: String?

    @Option(help: ArgumentHelp("udp, tcp or tls.", valueName: "udp|tcp|tls"))
    var transport: String?

    @Option(help: ArgumentHelp("Local address to listen on (default: any address, any port).", valueName: "ADDR[:PORT]"))
    var bind: String?

    @Option(help: ArgumentHelp("A file whose first line is the password (instead of a prompt).", valueName: "FILE"))
    var passwordFile: String?

    @Option(help: ArgumentHelp("Redirects: follow (default), ask, or never.", valueName: "follow|ask|never"))
    var redirect: String?

    @Option(help: "At most this many redirects per call.")
    var redirectLimit: Int = 5

    @Option(help: "Give up after credentials are refused this many times.")
    var authAttempts: Int = 3

    @Flag(help: "One JSON object per line instead of text.")
    var json = false

    @Flag(help: "Print every SIP message as sent and received.")
    var trace = false

    @Option(help: ArgumentHelp("RFC 3261 T1 in milliseconds (retransmission base; tests use small values).", visibility: .hidden))
    var t1: Int = 500

    func parsedTransport() throws -> SIPAccount.Transport {
        guard let transport else { return .udp }
        guard let value = SIPAccount.Transport(rawValue: transport.lowercased()) else {
            throw ValidationError("--transport \(transport): use udp, tcp or tls")
        }
        return value
    }

    func parsedRedirectPolicy() throws -> SIPRedirectPolicy {
        guard let redirect else { return .follow }
        guard let value = SIPRedirectPolicy(rawValue: redirect.lowercased()) else {
            throw ValidationError("--redirect \(redirect): use follow, ask or never")
        }
        return value
    }

    static func uri(_ text: String, flag: String) throws -> SIPURI {
        let full = text.lowercased().hasPrefix("sip:") || text.lowercased().hasPrefix("sips:") ? text : "sip:" + text
        do { return try SIPURI(parsing: full) } catch {
            throw ValidationError("--\(flag) \(text): not a SIP URI (\(error.reason))")
        }
    }

    /// The account the flags describe; nil when no --aor (the anonymous identity).
    func account() throws -> SIPAccount? {
        guard let aor else {
            if registrar != nil { throw ValidationError("--registrar needs --aor (who to register)") }
            return nil
        }
        let aorURI = try Self.uri(aor, flag: "aor")
        guard aorURI.user != nil else { throw ValidationError("--aor \(aor): needs a user part (sip:alice@example.test)") }
        return SIPAccount(
            id: aorURI.user ?? "account", addressOfRecord: aorURI, displayName: displayName,
            registrar: try registrar.map { try Self.uri($0, flag: "registrar") },
            outboundProxy: try proxy.map { try Self.uri($0, flag: "proxy") },
            transport: try parsedTransport(), authUsername: user, realm: realm)
    }

    /// `--bind ADDR[:PORT]` as an address (default: the wildcard on any port).
    func bindAddress() throws -> SIPAddress {
        guard let bind else { return .ipv4("0.0.0.0", 0) }
        var host = bind
        var port = 0
        if bind.hasPrefix("[") {
            guard let close = bind.firstIndex(of: "]") else { throw ValidationError("--bind \(bind): missing ]") }
            host = String(bind[bind.index(after: bind.startIndex)..<close])
            let rest = bind[bind.index(after: close)...]
            if rest.hasPrefix(":") {
                guard let value = Int(rest.dropFirst()) else { throw ValidationError("--bind \(bind): bad port") }
                port = value
            }
        } else if let colon = bind.lastIndex(of: ":"), bind.firstIndex(of: ":") == colon {
            host = String(bind[..<colon])
            guard let value = Int(bind[bind.index(after: colon)...]) else { throw ValidationError("--bind \(bind): bad port") }
            port = value
        }
        guard (0...65535).contains(port) else { throw ValidationError("--bind \(bind): port out of range") }
        if host.isEmpty { host = "0.0.0.0" }
        return SIPAddress(host: host, port: port)
    }
}
