/// Something about a valid message that a user agent or proxy acts on: not a reason to
/// refuse the message as malformed, but a response it would send or a way it would treat
/// it (RFC 4475 §3.3: "valid but semantically odd").
public struct SIPAdvisory: Sendable, Equatable, CustomStringConvertible {
    /// The response an element would send because of it, if any.
    public var statusCode: Int?
    public var text: String

    public init(statusCode: Int? = nil, text: String) {
        self.statusCode = statusCode
        self.text = text
    }

    public var description: String { statusCode.map { "\($0): \(text)" } ?? text }
}

extension SIPMessage {
    /// Option tags this stack implements; a Require naming any other gets 420.
    public static let supportedOptionTags: Set<String> = []

    /// What an element would do about this (valid) message beyond accepting it.
    public func advisories() -> [SIPAdvisory] {
        var notes: [SIPAdvisory] = []
        if let uri = requestURI, case let .other(opaque) = uri {
            notes.append(SIPAdvisory(statusCode: 416,
                text: "the Request-URI scheme '\(opaque.scheme)' is not sip, sips or tel: a UAS answers 416 Unsupported URI Scheme, and a proxy must not route on the To header instead"))
        }
        if isRequest, method != .ack, method != .cancel {
            let unknown = require.filter { !Self.supportedOptionTags.contains($0) }
            if !unknown.isEmpty {
                notes.append(SIPAdvisory(statusCode: 420,
                    text: "Require names extensions this UAS does not support (\(unknown.joined(separator: ", "))): it answers 420 Bad Extension with them in Unsupported"))
            }
            let proxyUnknown = proxyRequire.filter { !Self.supportedOptionTags.contains($0) }
            if !proxyUnknown.isEmpty {
                notes.append(SIPAdvisory(statusCode: 420,
                    text: "Proxy-Require names extensions a proxy without them answers with 420 Bad Extension (\(proxyUnknown.joined(separator: ", "))); a UAS ignores Proxy-Require"))
            }
            if maxForwards == 0 {
                notes.append(SIPAdvisory(statusCode: 483,
                    text: "Max-Forwards is 0: a proxy answers 483 Too Many Hops instead of forwarding; the endpoint it is addressed to processes it normally"))
            }
        }
        for challenge in authorization + proxyAuthorization where !challenge.isDigest {
            notes.append(SIPAdvisory(statusCode: 401,
                text: "credentials use the unknown scheme '\(challenge.scheme)': a registrar or UAS ignores them and challenges with Digest; a proxy forwards them unchanged"))
        }
        if isResponse, vias.dropFirst().contains(where: { $0.host == "255.255.255.255" }) {
            notes.append(SIPAdvisory(
                text: "a Via names the broadcast address 255.255.255.255: a proxy must not forward the response there (drop it)"))
        }
        if isRequest, let via = topVia, !via.hasMagicCookie {
            notes.append(SIPAdvisory(
                text: "the top Via branch lacks the z9hG4bK cookie (an RFC 2543 peer): transactions are matched on Request-URI, tags, Call-ID, CSeq and Via instead"))
        }
        return notes
    }
}
