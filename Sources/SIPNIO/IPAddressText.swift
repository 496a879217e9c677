#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// IP addresses as text and as octets, through inet_pton/inet_ntop: pure functions of
/// their input, used to tell a literal from a host name and to compare two spellings
/// of one IPv6 address (`::1` and `0:0::1`).
enum IPAddressText {
    /// The 4 or 16 octets of an IPv4 or IPv6 literal (brackets allowed), or nil for
    /// anything else (a host name).
    static func parse(_ text: String) -> [UInt8]? {
        let bare = SIPAddress.stripBrackets(text)
        var v4 = in_addr()
        if inet_pton(AF_INET, bare, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, bare, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }

    static func isLiteral(_ text: String) -> Bool { parse(text) != nil }

    /// Text for 4 (IPv4) or 16 (IPv6, RFC 5952 form) octets; nil for any other count.
    static func format(_ octets: [UInt8]) -> String? {
        let family: Int32
        switch octets.count {
        case 4: family = AF_INET
        case 16: family = AF_INET6
        default: return nil
        }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let ok = octets.withUnsafeBytes { raw in
            inet_ntop(family, raw.baseAddress, &text, socklen_t(text.count)) != nil
        }
        guard ok else { return nil }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether two host texts are the same IP address (any spelling), or, when either is
    /// not a literal, the same text ignoring case.
    static func sameHost(_ a: String, _ b: String) -> Bool {
        if let x = parse(a), let y = parse(b) { return x == y }
        return SIPAddress.stripBrackets(a).lowercased() == SIPAddress.stripBrackets(b).lowercased()
    }
}
