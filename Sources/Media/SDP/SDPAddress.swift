/// Address checks for `c=` lines, without Foundation or libc: a peer's address is data, and only
/// an IP literal or a well-formed host name is passed on to the code that sends RTP.
enum SDPAddress {
    static func isIPv4Literal(_ text: some StringProtocol) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        return parts.allSatisfy { part in
            part.utf8.count >= 1 && part.utf8.count <= 3 && SDPText.integer(Substring(part), in: 0...255) != nil
        }
    }

    static func isIPv6Literal(_ text: some StringProtocol) -> Bool {
        let string = String(text)
        guard string.contains(":"), string.utf8.count <= 45 else { return false }
        var groups: Substring = Substring(string)
        var maxGroups = 8
        // An embedded IPv4 tail ("::ffff:192.0.2.1") takes two groups.
        if let lastColon = string.lastIndex(of: ":"), string[lastColon...].contains(".") {
            let tail = string[string.index(after: lastColon)...]
            guard isIPv4Literal(tail) else { return false }
            groups = string[...lastColon]
            if groups.hasSuffix("::") == false { groups = groups.dropLast() }
            maxGroups = 6
        }
        let halves = splitAtDoubleColon(groups)
        guard halves.count <= 2 else { return false }
        func hexGroups(_ part: Substring) -> Int? {
            if part.isEmpty { return 0 }
            let items = part.split(separator: ":", omittingEmptySubsequences: false)
            for item in items {
                guard item.utf8.count >= 1, item.utf8.count <= 4, item.utf8.allSatisfy(isHexDigit) else { return nil }
            }
            return items.count
        }
        if halves.count == 2 {
            guard let left = hexGroups(halves[0]), let right = hexGroups(halves[1]) else { return false }
            return left + right < maxGroups
        }
        guard let count = hexGroups(halves[0]) else { return false }
        return count == maxGroups
    }

    /// RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens.
    static func isHostName(_ text: some StringProtocol) -> Bool {
        var name = Substring(text)
        if name.hasSuffix(".") { name = name.dropLast() }
        guard !name.isEmpty, name.utf8.count <= 253 else { return false }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            let bytes = label.utf8
            guard bytes.count >= 1, bytes.count <= 63, bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-")
            else { return false }
            return bytes.allSatisfy { isLetterOrDigit($0) || $0 == UInt8(ascii: "-") }
        }
    }

    /// Whether Dialtone can send media to this `c=`: IN, IP4 or IP6 with a unicast literal of that
    /// family or a host name. The reason says what is wrong.
    static func problem(with connection: SDPConnection) -> String? {
        guard SDPText.equalsIgnoringCase(connection.netType, "IN") else {
            return "network type \(connection.netType) is not IN"
        }
        let address = connection.address
        if SDPText.equalsIgnoringCase(connection.addrType, "IP4") {
            if isIPv4Literal(address) {
                let first = SDPText.integer(address.split(separator: ".")[0], in: 0...255) ?? 0
                return (224...239).contains(first) ? "\(address) is a multicast address" : nil
            }
            return isHostName(address) && !address.allSatisfy({ $0.isNumber || $0 == "." })
                ? nil : "\"\(address)\" is not an IPv4 address or host name"
        }
        if SDPText.equalsIgnoringCase(connection.addrType, "IP6") {
            if isIPv6Literal(address) {
                return address.lowercased().hasPrefix("ff") ? "\(address) is a multicast address" : nil
            }
            return isHostName(address) ? nil : "\"\(address)\" is not an IPv6 address or host name"
        }
        return "address type \(connection.addrType) is not IP4 or IP6"
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    /// Splits at every "::"; a valid IPv6 literal has at most one, so at most two parts.
    private static func splitAtDoubleColon(_ text: Substring) -> [Substring] {
        var parts: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            if text[index] == ":", next < text.endIndex, text[next] == ":" {
                parts.append(text[start..<index])
                start = text.index(after: next)
                index = start
                continue
            }
            index = next
        }
        parts.append(text[start..<text.endIndex])
        return parts
    }
}
