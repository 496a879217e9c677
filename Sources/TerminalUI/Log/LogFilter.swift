/// What `/` typed: space-separated terms that must all match a line. A term is a status
/// class (`4xx`), a status code (`401`), a method (`INVITE`, any case), `call:<Call-ID
/// prefix>`, or else text looked for (ignoring case) in the Call-ID, the summary, the peer
/// and the message itself.
public struct LogFilter: Sendable, Equatable {
    public enum Term: Sendable, Equatable {
        case statusClass(Int)
        case code(Int)
        case method(String)
        case callID(String)
        case text(String)
    }

    public var terms: [Term]
    public var source: String

    static let methods: Set<String> = [
        "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "PRACK", "SUBSCRIBE", "NOTIFY",
        "PUBLISH", "INFO", "REFER", "MESSAGE", "UPDATE",
    ]

    /// Nil for an empty filter (show everything).
    public init?(_ text: String) {
        source = text
        terms = text.split(separator: " ").map { word in
            let w = String(word)
            let lower = w.lowercased()
            if lower.count == 3, lower.hasSuffix("xx"), let digit = lower.first?.wholeNumberValue, (1...6).contains(digit) {
                return .statusClass(digit)
            }
            if w.count == 3, let code = Int(w), (100...699).contains(code) { return .code(code) }
            if Self.methods.contains(w.uppercased()) { return .method(w.uppercased()) }
            if lower.hasPrefix("call:") || lower.hasPrefix("call-id:") {
                return .callID(String(w.drop { $0 != ":" }.dropFirst()))
            }
            return .text(lower)
        }
        if terms.isEmpty { return nil }
    }

    public func matches(_ entry: LogEntry) -> Bool {
        terms.allSatisfy { term in
            switch term {
            case let .statusClass(digit): entry.statusCode.map { $0 / 100 == digit } ?? false
            case let .code(code): entry.statusCode == code
            case let .method(method):
                // A response belongs to its request's method (CSeq), so "INVITE" shows the
                // whole INVITE transaction.
                entry.method == method || (entry.statusCode != nil && entry.cseq?.hasSuffix(" " + method) == true)
            case let .callID(prefix): entry.callID?.hasPrefix(prefix) ?? false
            case let .text(needle):
                entry.callID?.lowercased().contains(needle) == true
                    || entry.summary.lowercased().contains(needle)
                    || (entry.remote?.lowercased().contains(needle) ?? false)
                    || Self.contains(entry.bytes, needle)
            }
        }
    }

    /// ASCII case-insensitive search in octets, without decoding them.
    static func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard !n.isEmpty, haystack.count >= n.count else { return n.isEmpty }
        func lower(_ b: UInt8) -> UInt8 { (b >= 65 && b <= 90) ? b | 0x20 : b }
        let first = n[0]
        var i = 0
        let last = haystack.count - n.count
        while i <= last {
            if lower(haystack[i]) == first {
                var j = 1
                while j < n.count && lower(haystack[i + j]) == n[j] { j += 1 }
                if j == n.count { return true }
            }
            i += 1
        }
        return false
    }
}
