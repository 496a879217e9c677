/// An `a=crypto` value (RFC 4568 §9.1): one SRTP suite and master key the sender offers or
/// accepts. The key travels in the clear inside the SDP, so SDES needs a protected signalling path.
public struct SDPCrypto: Sendable, Equatable {
    /// Links an answer's choice to the offer's line.
    public var tag: UInt32
    /// "AES_CM_128_HMAC_SHA1_80", …
    public var suite: String
    /// The key parameters, usually one `inline:<base64 key||salt>[|lifetime][|MKI:length]`.
    public var keyParameters: [String]
    /// Session parameters (`KDR=`, `UNENCRYPTED_SRTP`, …), which Dialtone does not support.
    public var sessionParameters: [String]

    public init(tag: UInt32, suite: String, keyParameters: [String], sessionParameters: [String] = []) {
        self.tag = tag
        self.suite = suite
        self.keyParameters = keyParameters
        self.sessionParameters = sessionParameters
    }

    /// An attribute with one inline key.
    public init(tag: UInt32, suite: SDPCryptoSuite, key: [UInt8]) {
        self.init(tag: tag, suite: suite.rawValue, keyParameters: ["inline:" + SDPBase64.encode(key)])
    }

    /// The text after `a=crypto:`.
    public var sdpValue: String {
        var text = "\(tag) \(suite) \(keyParameters.joined(separator: ";"))"
        for parameter in sessionParameters { text += " \(parameter)" }
        return text
    }

    /// The suite when Dialtone supports it.
    public var knownSuite: SDPCryptoSuite? { SDPCryptoSuite(rawValue: suite) }

    /// The first inline key, decoded; nil when absent or not base64.
    public var inlineKey: SDPInlineKey? {
        guard let first = keyParameters.first, first.hasPrefix("inline:") else { return nil }
        let parts = first.dropFirst("inline:".count).split(separator: "|", omittingEmptySubsequences: false)
        guard let encoded = parts.first, let key = SDPBase64.decode(encoded) else { return nil }
        var lifetime: String?
        var mki: String?
        for part in parts.dropFirst() {
            if part.contains(":") { mki = String(part) } else { lifetime = String(part) }
        }
        return SDPInlineKey(key: key, lifetime: lifetime, mki: mki)
    }

    static func parse(_ value: Substring) -> Result<SDPCrypto, SDPFieldProblem> {
        let parts = SDPText.fields(value)
        guard parts.count >= 3 else {
            return .failure(SDPFieldProblem(
                "a=crypto needs \"<tag> <crypto-suite> <key-params> [<session-params>]\", got \"\(value)\""))
        }
        guard let tag = SDPText.integer(parts[0], in: 0...999_999_999) else {
            return .failure(SDPFieldProblem("a=crypto tag \"\(parts[0])\" is not a number of at most 9 digits"))
        }
        let keys = parts[2].split(separator: ";").map(String.init)
        guard !keys.isEmpty else {
            return .failure(SDPFieldProblem("a=crypto has no key parameters"))
        }
        return .success(SDPCrypto(
            tag: UInt32(tag), suite: String(parts[1]), keyParameters: keys,
            sessionParameters: parts[3...].map(String.init)))
    }
}
