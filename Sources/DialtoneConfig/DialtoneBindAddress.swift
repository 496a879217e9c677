/// The local address to listen and send from (`bind = "192.0.2.7:5062"`), kept as text
/// so this module needs no socket types; the wiring turns it into a socket address.
public struct DialtoneBindAddress: Sendable, Hashable, CustomStringConvertible {
    /// An IPv4 or IPv6 literal (without brackets) or a host name.
    public var host: String
    /// nil: the transport's default (5060, 5061 for TLS); 0: any free port.
    public var port: Int?

    public init(host: String, port: Int? = nil) {
        self.host = host
        self.port = port
    }

    /// `ADDR[:PORT]`: `127.0.0.1`, `127.0.0.1:5062`, `[::1]:5062`, `::1`, `host:5062`.
    /// A failure says why it is none of these.
    public static func parse(_ text: String) -> Result<DialtoneBindAddress, SyntaxError> {
        if text.isEmpty { return .failure(.init("it is empty")) }
        var host = Substring(text)
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return .failure(.init("the [ before an IPv6 address is never closed")) }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return .failure(.init("\"\(rest)\" follows the bracketed address")) }
                portText = rest.dropFirst()
            }
            guard host.contains(":") else { return .failure(.init("\"\(host)\" in brackets is not an IPv6 address")) }
        } else if text.filter({ $0 == ":" }).count > 1 {
            host = Substring(text)   // a bare IPv6 literal: no port can follow it
        } else if let colon = text.firstIndex(of: ":") {
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        if host.isEmpty { return .failure(.init("there is no address before the port")) }
        let allowed = host.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == ":" || $0 == "%") }
        if !allowed { return .failure(.init("\"\(host)\" is not an IP address or host name")) }
        var port: Int?
        if let portText {
            guard let value = Int(portText), (0...65535).contains(value) else {
                return .failure(.init("the port \"\(portText)\" is not a number from 0 to 65535"))
            }
            port = value
        }
        return .success(DialtoneBindAddress(host: String(host), port: port))
    }

    public var description: String {
        let shown = host.contains(":") ? "[\(host)]" : host
        return port.map { "\(shown):\($0)" } ?? shown
    }

    /// Why a `bind` value is not `ADDR[:PORT]`.
    public struct SyntaxError: Error, Sendable, Hashable {
        public var reason: String
        init(_ reason: String) { self.reason = reason }
    }
}
