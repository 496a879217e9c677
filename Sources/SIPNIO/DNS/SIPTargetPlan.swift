import SIPCore

/// What RFC 3263 §4 asks for a URI before any look-up: which transport (§4.1) and which
/// look-ups give the address and port (§4.2). Pure; `SIPTargetResolver` carries it out.
public enum SIPTargetPlan: Sendable, Hashable {
    /// The host is an IP address: no DNS at all.
    case numeric(SIPTransportTarget)
    /// A name with an explicit port: A/AAAA only, on that port.
    case addressLookup(host: String, port: Int, transport: SIPTransport, serverName: String, explicitTransport: Bool)
    /// A name with a transport but no port: SRV for that transport, then A/AAAA on the
    /// transport's default port.
    case serviceLookup(host: String, transport: SIPTransport, serverName: String, explicitTransport: Bool)
    /// A name alone: NAPTR, then SRV for each transport, then A/AAAA (§4.1).
    case naptrLookup(host: String, secure: Bool, serverName: String)

    /// The plan for a SIP or SIPS URI: the next hop's URI (the outbound proxy's when
    /// there is one, else the first Route's, else the Request-URI).
    ///
    /// - `maddr` replaces the host as the address to reach (§19.1.1); the certificate
    ///   of a TLS server is still checked against the URI's host (RFC 5922 §4).
    /// - `transport=` picks the transport (`tcp` in a SIPS URI means TLS); without it a
    ///   numeric host or an explicit port means UDP (TLS for SIPS).
    public static func plan(for uri: SIPURI) throws(SIPTransportError) -> SIPTargetPlan {
        let host = SIPAddress.stripBrackets(uri.maddr ?? uri.host)
        let serverName = SIPAddress.stripBrackets(uri.host)
        var transport: SIPTransport?
        if let parameter = uri.transport {
            switch parameter.lowercased() {
            case "udp":
                guard !uri.isSecure else {
                    throw .unsupportedTransport("\(uri) asks for UDP, but a SIPS URI needs TLS (RFC 3261 §26.2.2)")
                }
                transport = .udp
            case "tcp": transport = uri.isSecure ? .tls : .tcp
            case "tls": transport = .tls
            default:
                throw .unsupportedTransport("\(uri) asks for transport=\(parameter), which Dialtone does not speak (it speaks UDP, TCP and TLS)")
            }
        }
        let explicit = transport != nil
        if IPAddressText.isLiteral(host) {
            let chosen = transport ?? (uri.isSecure ? .tls : .udp)
            let address = SIPAddress(host: host, port: uri.port ?? chosen.defaultPort)
            let name: String? = IPAddressText.isLiteral(serverName) ? nil : serverName
            return .numeric(SIPTransportTarget(
                transport: chosen, address: address, tlsServerName: chosen == .tls ? name : nil,
                allowsTCPForLargeRequests: !explicit))
        }
        if let port = uri.port {
            return .addressLookup(host: host, port: port, transport: transport ?? (uri.isSecure ? .tls : .udp),
                                  serverName: serverName, explicitTransport: explicit)
        }
        if let transport {
            return .serviceLookup(host: host, transport: transport, serverName: serverName, explicitTransport: true)
        }
        return .naptrLookup(host: host, secure: uri.isSecure, serverName: serverName)
    }

    /// The plan for the host of a response's Via sent-by (RFC 3263 §6): with a port,
    /// A/AAAA only; without, SRV for the Via's transport, then A/AAAA on its default port.
    public static func plan(forResponseTo host: String, port: Int?, transport: SIPTransport) -> SIPTargetPlan {
        let bare = SIPAddress.stripBrackets(host)
        if IPAddressText.isLiteral(bare) {
            return .numeric(SIPTransportTarget(transport: transport, address: SIPAddress(host: bare, port: port ?? transport.defaultPort)))
        }
        if let port {
            return .addressLookup(host: bare, port: port, transport: transport, serverName: bare, explicitTransport: true)
        }
        return .serviceLookup(host: bare, transport: transport, serverName: bare, explicitTransport: true)
    }
}
