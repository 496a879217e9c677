/// An address as the log writes it ("192.0.2.1:5060", "[2001:db8::1]:5061"), read into
/// octets and a port for the synthetic IP headers of a pcap. A host name (no IP to put
/// in a header) becomes a documentation address, 192.0.2.x, the same one for the same name.
struct SocketAddressText: Sendable, Hashable {
    var octets: [UInt8]
    var port: UInt16
    var isIPv6: Bool { octets.count == 16 }

    init(octets: [UInt8], port: UInt16) {
        self.octets = octets
        self.port = port
    }

    init(_ text: String?, fallback: SocketAddressText) {
        guard let text, !text.isEmpty else {
            self = fallback
            return
        }
        var host = Substring(text)
        var port: UInt16 = fallback.port
        if host.hasPrefix("[") {
            if let close = host.firstIndex(of: "]") {
                let after = host[host.index(after: close)...]
                if after.hasPrefix(":"), let p = UInt16(after.dropFirst()) { port = p }
                host = host[host.index(after: host.startIndex)..<close]
            }
        } else if host.filter({ $0 == ":" }).count == 1, let colon = host.lastIndex(of: ":") {
            if let p = UInt16(host[host.index(after: colon)...]) { port = p }
            host = host[..<colon]
        }
        if let v4 = Self.ipv4(host) {
            self.init(octets: v4, port: port)
        } else if let v6 = Self.ipv6(host) {
            self.init(octets: v6, port: port)
        } else {
            var hash: UInt32 = 2166136261
            for b in host.utf8 { hash = (hash ^ UInt32(b)) &* 16777619 }
            self.init(octets: [192, 0, 2, UInt8(10 + hash % 200)], port: port)
        }
    }

    static func ipv4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, let n = UInt8(part) else { return nil }
            out.append(n)
        }
        return out
    }

    static func ipv6(_ text: Substring) -> [UInt8]? {
        var text = text
        if let percent = text.firstIndex(of: "%") { text = text[..<percent] }
        guard text.contains(":") else { return nil }
        var tail: [UInt8] = []
        // An embedded IPv4 at the end (::ffff:192.0.2.1).
        if let lastColon = text.lastIndex(of: ":"), let v4 = ipv4(text[text.index(after: lastColon)...]) {
            tail = v4
            text = text[...lastColon]
            if text.hasSuffix(":") && !text.hasSuffix("::") { text = text.dropLast() }
        }
        let halves = text.components(separatedByDoubleColon: ())
        guard halves.count <= 2 else { return nil }
        func groups(_ s: Substring) -> [UInt16]? {
            if s.isEmpty { return [] }
            var out: [UInt16] = []
            for g in s.split(separator: ":", omittingEmptySubsequences: false) {
                guard !g.isEmpty, g.count <= 4, let n = UInt16(g, radix: 16) else { return nil }
                out.append(n)
            }
            return out
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        let tailGroups = tail.count / 2
        if halves.count == 2 {
            guard let rest = groups(halves[1]) else { return nil }
            let missing = 8 - head.count - rest.count - tailGroups
            guard missing >= 0 else { return nil }
            all += Array(repeating: 0, count: missing) + rest
        }
        guard all.count + tailGroups == 8 else { return nil }
        var out: [UInt8] = []
        for g in all { out += [UInt8(g >> 8), UInt8(g & 0xFF)] }
        return out + tail
    }

    /// The IPv4 address as IPv4-mapped IPv6, when the other end is IPv6.
    var asIPv6: SocketAddressText {
        isIPv6 ? self : SocketAddressText(octets: Array(repeating: 0, count: 10) + [0xFF, 0xFF] + octets, port: port)
    }
}

extension Substring {
    /// Splits at the first "::" only.
    fileprivate func components(separatedByDoubleColon: Void) -> [Substring] {
        guard let range = range(of: "::") else { return [self] }
        let rest = self[range.upperBound...]
        if rest.contains("::") { return [self[..<range.lowerBound], rest, ""] }
        return [self[..<range.lowerBound], rest]
    }
}
