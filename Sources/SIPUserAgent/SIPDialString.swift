import SIPCore

/// Turns what a person types on the dial line into the URI to call: `sip:bob@host` and
/// `sips:…` as they are, `bob@host` as `sip:bob@host`, `bob` or `+1 555 0100` at the
/// account's domain (a number loses its spaces, dots and dashes and gets `user=phone`
/// when it starts with +), `tel:+1555…` at the account's domain too.
public enum SIPDialString {
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var text: String
        public init(text: String) { self.text = text }
        public var description: String { text }
    }

    /// `typed` without the spaces and tabs around it: what is dialled, and what a
    /// history keeps.
    public static func trimmed(_ typed: String) -> String {
        var slice = Substring(typed)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }

    public static func uri(from typed: String, domain: SIPURI?) throws(Failure) -> SIPURI {
        let text = trimmed(typed)
        guard !text.isEmpty else { throw Failure(text: "nothing to dial") }
        let lower = text.lowercased()
        if lower.hasPrefix("sip:") || lower.hasPrefix("sips:") {
            do { return try SIPURI(parsing: text) } catch {
                throw Failure(text: "\"\(text)\" is not a SIP URI: \(error.reason)")
            }
        }
        if lower.hasPrefix("tel:") {
            let number = String(text.dropFirst(4))
            return try atDomain(user: number, domain: domain, typed: text, phone: true)
        }
        if text.contains("@") {
            do { return try SIPURI(parsing: "sip:" + text) } catch {
                throw Failure(text: "\"\(text)\" is not a SIP address: \(error.reason)")
            }
        }
        let isNumber = text.allSatisfy { "+0123456789 -.()".contains($0) } && text.contains(where: \.isNumber)
        if isNumber {
            let digits = String(text.filter { $0 == "+" || $0.isNumber })
            return try atDomain(user: digits, domain: domain, typed: text, phone: digits.hasPrefix("+"))
        }
        // A bare host ("127.0.0.1:5062", "pbx.example.test") or a bare user ("bob").
        if text.contains(".") || text.contains(":") || text.hasPrefix("[") {
            do { return try SIPURI(parsing: "sip:" + text) } catch {
                throw Failure(text: "\"\(text)\" is not a SIP address: \(error.reason)")
            }
        }
        return try atDomain(user: text, domain: domain, typed: text, phone: false)
    }

    private static func atDomain(user: String, domain: SIPURI?, typed: String, phone: Bool) throws(Failure) -> SIPURI {
        guard let domain else {
            throw Failure(text: "\"\(typed)\" needs a domain: dial user@host, or configure an account")
        }
        var uri = SIPURI(isSecure: domain.isSecure, user: user, host: domain.host, port: domain.port)
        if phone { uri.parameters.set("user", "phone") }
        do { return try SIPURI(parsing: uri.description) } catch {
            throw Failure(text: "\"\(typed)\" cannot be dialled at \(domain.host): \(error.reason)")
        }
    }
}
