import Foundation

/// One SIP message out of a trace (sipp's `-trace_msg` file, or text a test captured),
/// read just enough to check what a test needs: the start line, header values (compact
/// forms understood), tags, the CSeq number, the Via branch, the body. Deliberately not
/// SIPCore: a test must not check our parser with our parser.
public struct SIPTraceMessage: Sendable, CustomStringConvertible {
    public enum Direction: String, Sendable { case sent, received }

    /// As the tracing side saw it: `.received` in a UAS's trace is what our client sent.
    public var direction: Direction
    public var timestamp: String
    /// The message as traced (line ends CRLF as on the wire).
    public var text: String

    public init(direction: Direction, timestamp: String = "", text: String) {
        self.direction = direction
        self.timestamp = timestamp
        self.text = text
    }

    private var headAndBody: (head: [Substring], body: Substring) {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        let parts = normalized.components(separatedBy: "\n\n")
        let head = parts.first.map { $0.split(separator: "\n", omittingEmptySubsequences: false) } ?? []
        let body = parts.dropFirst().joined(separator: "\n\n")
        return (head.map { Substring($0) }, Substring(body))
    }

    public var startLine: String { headAndBody.head.first.map(String.init) ?? "" }

    public var isRequest: Bool { !startLine.hasPrefix("SIP/2.0 ") }

    /// The request's method, or nil for a response.
    public var method: String? { isRequest ? startLine.split(separator: " ").first.map(String.init) : nil }

    public var requestURI: String? {
        guard isRequest else { return nil }
        let parts = startLine.split(separator: " ")
        return parts.count > 1 ? String(parts[1]) : nil
    }

    /// The response's status code, or nil for a request.
    public var statusCode: Int? {
        guard !isRequest else { return nil }
        let parts = startLine.split(separator: " ")
        return parts.count > 1 ? Int(parts[1]) : nil
    }

    private static let compactForms: [String: String] = [
        "i": "call-id", "m": "contact", "e": "content-encoding", "l": "content-length", "c": "content-type",
        "f": "from", "s": "subject", "k": "supported", "t": "to", "v": "via",
    ]

    /// Every value of header `name` (case-insensitive, compact forms too), folded lines joined.
    public func values(_ name: String) -> [String] {
        let wanted = name.lowercased()
        var result: [String] = []
        var current: (name: String, value: String)?
        func flush() {
            if let header = current, header.name == wanted { result.append(header.value) }
            current = nil
        }
        for line in headAndBody.head.dropFirst() {
            if let first = line.first, first == " " || first == "\t", current != nil {
                current!.value += " " + line.trimmingCharacters(in: .whitespaces)
                continue
            }
            flush()
            guard let colon = line.firstIndex(of: ":") else { continue }
            var headerName = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            headerName = Self.compactForms[headerName] ?? headerName
            current = (headerName, line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        flush()
        return result
    }

    /// The first value of header `name`, or nil.
    public func header(_ name: String) -> String? { values(name).first }

    public var callID: String? { header("Call-ID") }

    /// The CSeq's sequence number and method.
    public var cseq: (number: Int, method: String)? {
        guard let value = header("CSeq") else { return nil }
        let parts = value.split(separator: " ")
        guard parts.count == 2, let number = Int(parts[0]) else { return nil }
        return (number, String(parts[1]))
    }

    public var fromTag: String? { header("From").flatMap { Self.parameter("tag", in: $0) } }
    public var toTag: String? { header("To").flatMap { Self.parameter("tag", in: $0) } }

    /// The To header without its tag: what must stay the same across a redirect.
    public var toWithoutTag: String? {
        header("To").map { value in
            value.replacingOccurrences(of: #";\s*tag=[^;>\s]*"#, with: "", options: .regularExpression)
        }
    }

    /// The address inside <…> of From/To, or the whole value when it has no brackets.
    public static func addressURI(_ value: String) -> String {
        if let open = value.firstIndex(of: "<"), let close = value[open...].firstIndex(of: ">") {
            return String(value[value.index(after: open)..<close])
        }
        return String(value.split(separator: ";").first ?? "")
    }

    /// The top Via's branch.
    public var branch: String? { header("Via").flatMap { Self.parameter("branch", in: $0) } }

    public var body: String { String(headAndBody.body) }

    /// A `;name=value` parameter (outside any <…>), case-insensitive name.
    public static func parameter(_ name: String, in value: String) -> String? {
        var outside = value
        if let close = value.lastIndex(of: ">") { outside = String(value[value.index(after: close)...]) }
        // Without <…>, the first piece is the URI; with them, it is what precedes the first ';' (nothing).
        for part in outside.split(separator: ";", omittingEmptySubsequences: false).dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.first?.trimmingCharacters(in: .whitespaces).lowercased() == name.lowercased() {
                return pair.count > 1 ? pair[1].trimmingCharacters(in: .whitespaces) : ""
            }
        }
        return nil
    }

    /// A digest auth header's parameter (`realm`, `nonce`, `nc`, `username`…), quotes removed.
    public static func authParameter(_ name: String, in value: String) -> String? {
        let pattern = "(?:^|[\\s,])" + NSRegularExpression.escapedPattern(for: name) + "\\s*=\\s*(\"([^\"]*)\"|[^,\\s]+)"
        guard let expression = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]),
              let match = expression.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) else { return nil }
        if let quoted = Range(match.range(at: 2), in: value) { return String(value[quoted]) }
        return Range(match.range(at: 1), in: value).map { String(value[$0]) }
    }

    public var description: String { "\(direction) \(startLine)" }
}

extension SIPTraceMessage {
    /// The messages in a sipp `-trace_msg` file, in order. Each entry starts with a line of
    /// dashes and a timestamp, then "UDP message sent (N bytes):" or "… received [N] bytes :".
    public static func parseSippMessageLog(_ log: String) -> [SIPTraceMessage] {
        var messages: [SIPTraceMessage] = []
        let separator = "-----------------------------------------------"
        for chunk in log.components(separatedBy: separator + " ").dropFirst() {
            var lines = chunk.components(separatedBy: "\n")
            guard lines.count >= 3 else { continue }
            let timestamp = lines.removeFirst().trimmingCharacters(in: .whitespaces)
            let info = lines.removeFirst()
            let direction: Direction
            if info.contains("message sent") {
                direction = .sent
            } else if info.contains("message received") {
                direction = .received
            } else {
                continue
            }
            if lines.first?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeFirst() }
            let text = lines.joined(separator: "\n").trimmingCharacters(in: .newlines)
            guard !text.isEmpty else { continue }
            messages.append(SIPTraceMessage(direction: direction, timestamp: timestamp, text: text))
        }
        return messages
    }
}

extension Array where Element == SIPTraceMessage {
    /// Requests with this method, in order.
    public func requests(_ method: String) -> [SIPTraceMessage] { filter { $0.method == method } }
    /// Responses with this code, in order.
    public func responses(_ code: Int) -> [SIPTraceMessage] { filter { $0.statusCode == code } }
    public var received: [SIPTraceMessage] { filter { $0.direction == .received } }
    public var sent: [SIPTraceMessage] { filter { $0.direction == .sent } }
    /// One line per message, for a failure message.
    public var summary: String { map { "\($0.direction == .sent ? "→" : "←") \($0.startLine)" }.joined(separator: "\n") }
}

extension SIPTraceMessage {
    /// Whether the digest response in this request's `header` (Authorization or
    /// Proxy-Authorization) is right for `password`: RFC 2617 / RFC 7616 with qop auth or
    /// none, algorithm MD5 or SHA-256 (not -sess, not auth-int). Recomputed with coreutils'
    /// md5sum / sha256sum, independently of SIPCore; for what sipp's verifyauth cannot check
    /// (it reads Authorization only, and MD5 only).
    public func digestResponseMatches(password: String, header: String = "Authorization") -> Bool {
        guard let value = self.header(header), let method,
              let username = Self.authParameter("username", in: value),
              let realm = Self.authParameter("realm", in: value),
              let nonce = Self.authParameter("nonce", in: value),
              let uri = Self.authParameter("uri", in: value),
              let response = Self.authParameter("response", in: value) else { return false }
        let algorithm = Self.authParameter("algorithm", in: value)?.uppercased() ?? "MD5"
        let tool: String
        switch algorithm {
        case "MD5": tool = "md5sum"
        case "SHA-256": tool = "sha256sum"
        default: return false
        }
        guard let program = executable(tool) else { return false }
        func hash(_ text: String) -> String {
            let output = (try? run(program, ["-"], input: text).output) ?? ""
            return String(output.prefix { $0 != " " })
        }
        let ha1 = hash("\(username):\(realm):\(password)")
        let ha2 = hash("\(method):\(uri)")
        let expected: String
        if let qop = Self.authParameter("qop", in: value) {
            guard qop.lowercased() == "auth", let nc = Self.authParameter("nc", in: value),
                  let cnonce = Self.authParameter("cnonce", in: value) else { return false }
            expected = hash("\(ha1):\(nonce):\(nc):\(cnonce):auth:\(ha2)")
        } else {
            expected = hash("\(ha1):\(nonce):\(ha2)")
        }
        return expected == response.lowercased()
    }
}
