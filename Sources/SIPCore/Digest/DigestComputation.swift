/// The digest formulas of RFC 7616 §3.4 (RFC 2617 §3.2.2, RFC 2069 when there is no qop), kept
/// apart from header syntax so that they can be checked against published vectors field by field.
///
/// Every string is hashed as UTF-8; every digest is lower-case hex.
public enum DigestComputation {
    /// The three values of one computation. HA1 is password-equivalent (it authenticates in
    /// its realm without the password), so descriptions and reflection show only the response.
    public struct Result: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
        CustomReflectable
    {
        public var ha1: String
        public var ha2: String
        public var response: String

        public init(ha1: String, ha2: String, response: String) {
            self.ha1 = ha1
            self.ha2 = ha2
            self.response = response
        }

        public var description: String { "DigestComputation.Result(response: \(response), ha1: <redacted>)" }
        public var debugDescription: String { description }
        public var customMirror: Mirror {
            Mirror(self, children: ["response": response, "ha2": ha2, "ha1": "<redacted>"])
        }
    }

    /// H(username:realm), sent instead of the username when the challenge says userhash=true
    /// (RFC 7616 §3.4.4).
    public static func userhash(algorithm: DigestAlgorithm, username: String, realm: String) -> String {
        algorithm.hexDigest("\(username):\(realm)")
    }

    /// HA1 = H(username:realm:password); for the `-sess` algorithms H(that:nonce:cnonce).
    /// The username here is always the plain one, even with userhash (RFC 7616 §3.4.4 hashes
    /// it "after any other hash calculation"). A missing cnonce reads as empty.
    public static func ha1(
        algorithm: DigestAlgorithm, username: String, realm: String, password: String,
        nonce: String, cnonce: String?
    ) -> String {
        let secret = algorithm.hexDigest("\(username):\(realm):\(password)")
        guard algorithm.isSession else { return secret }
        return algorithm.hexDigest("\(secret):\(nonce):\(cnonce ?? "")")
    }

    /// HA2 = H(method:uri), or H(method:uri:H(body)) for auth-int, where a missing body hashes
    /// as the empty string (RFC 7616 §3.4.3).
    public static func ha2(
        algorithm: DigestAlgorithm, method: String, uri: String, qop: DigestQOP?, body: [UInt8]?
    ) -> String {
        switch qop {
        case .authInt:
            let bodyHash = algorithm.hexDigest(body ?? [])
            return algorithm.hexDigest("\(method):\(uri):\(bodyHash)")
        case .auth, nil:
            return algorithm.hexDigest("\(method):\(uri)")
        }
    }

    /// response = H(HA1:nonce:nc:cnonce:qop:HA2), or H(HA1:nonce:HA2) without qop (RFC 2069).
    /// `nc` is taken as written (a peer may send other than 8 digits); missing values read as empty.
    public static func response(
        algorithm: DigestAlgorithm, ha1: String, nonce: String, nc: String?, cnonce: String?,
        qop: DigestQOP?, ha2: String
    ) -> String {
        guard let qop else { return algorithm.hexDigest("\(ha1):\(nonce):\(ha2)") }
        return algorithm.hexDigest("\(ha1):\(nonce):\(nc ?? ""):\(cnonce ?? ""):\(qop.token):\(ha2)")
    }

    /// HA1, HA2 and the response from every input, in one call.
    public static func compute(
        algorithm: DigestAlgorithm, username: String, realm: String, password: String,
        method: String, uri: String, nonce: String, nc: String?, cnonce: String?,
        qop: DigestQOP?, body: [UInt8]?
    ) -> Result {
        let ha1 = ha1(
            algorithm: algorithm, username: username, realm: realm, password: password,
            nonce: nonce, cnonce: cnonce)
        let ha2 = ha2(algorithm: algorithm, method: method, uri: uri, qop: qop, body: body)
        let response = response(
            algorithm: algorithm, ha1: ha1, nonce: nonce, nc: nc, cnonce: cnonce, qop: qop, ha2: ha2)
        return Result(ha1: ha1, ha2: ha2, response: response)
    }
}
