import Crypto

/// A digest `algorithm` this implementation can answer (RFC 7616 §3.3, RFC 8760 §2.1), so that
/// the rest of the stack never compares algorithm names as strings.
///
/// The `-sess` variants hash the client nonce into HA1 (RFC 7616 §3.4.2).
public enum DigestAlgorithm: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case md5 = "MD5"
    case md5Sess = "MD5-sess"
    case sha256 = "SHA-256"
    case sha256Sess = "SHA-256-sess"
    case sha512_256 = "SHA-512-256"
    case sha512_256Sess = "SHA-512-256-sess"

    /// Reads an `algorithm` parameter value. Names are case-insensitive (RFC 7616 §3.3 uses
    /// tokens, and servers send `md5`, `MD5`, `sha-256`); an unknown name gives nil.
    public init?(name: String) {
        let lowered = DigestText.asciiLowercased(name)
        guard let match = Self.allCases.first(where: { DigestText.asciiLowercased($0.rawValue) == lowered }) else {
            return nil
        }
        self = match
    }

    /// The name as RFC 7616 spells it, for the `algorithm=` parameter of an answer.
    public var name: String { rawValue }

    public var description: String { rawValue }

    /// Whether HA1 also covers the nonce and the client nonce (the `-sess` variants).
    public var isSession: Bool {
        switch self {
        case .md5Sess, .sha256Sess, .sha512_256Sess: true
        case .md5, .sha256, .sha512_256: false
        }
    }

    /// The hash function H of RFC 7616 §3.4.1 applied to `bytes`.
    public func hash(_ bytes: [UInt8]) -> [UInt8] {
        switch self {
        case .md5, .md5Sess:
            var hasher = Insecure.MD5()
            bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            return Array(hasher.finalize())
        case .sha256, .sha256Sess:
            var hasher = SHA256()
            bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            return Array(hasher.finalize())
        case .sha512_256, .sha512_256Sess:
            return SHA512_256.hash(bytes)
        }
    }

    /// H(data) as lower-case hex, the form every digest formula feeds into the next hash.
    public func hexDigest(_ bytes: [UInt8]) -> String {
        DigestText.lowercaseHex(hash(bytes))
    }

    /// H(text) as lower-case hex, with the text encoded as UTF-8 (RFC 7616 §3.4.1, charset=UTF-8).
    public func hexDigest(_ text: String) -> String {
        hexDigest(Array(text.utf8))
    }
}
