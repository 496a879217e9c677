/// A Digest challenge this implementation can answer, with the algorithm and qop it will use.
/// Having one means the choice of RFC 8760 §2.4 is made; `answer` then builds the
/// Authorization (or Proxy-Authorization) header value for a request.
public struct DigestAuthorizer: Sendable, Equatable {
    /// The challenge being answered (its realm, nonce, opaque and userhash flag are used).
    public let challenge: AuthChallenge
    public let algorithm: DigestAlgorithm
    /// auth when offered, else auth-int; nil when the challenge has no qop (RFC 2069 mode).
    public let qop: DigestQOP?
    public let realm: String
    public let nonce: String

    /// Nil when the challenge cannot be answered: not Digest, no realm or nonce, an unknown
    /// algorithm, only unknown qop values, or a `-sess` algorithm without qop (the cnonce
    /// that `-sess` needs is only sent with a qop, RFC 2617 §3.2.2).
    public init?(challenge: AuthChallenge) {
        guard challenge.isDigest,
              let realm = challenge.realm,
              let nonce = challenge.nonce,
              let algorithm = challenge.algorithm
        else { return nil }
        let qop: DigestQOP?
        switch challenge.qopOptions {
        case nil, []?:
            guard !algorithm.isSession else { return nil }
            qop = nil
        case let options?:
            if options.contains(DigestQOP.auth.token) {
                qop = .auth
            } else if options.contains(DigestQOP.authInt.token) {
                qop = .authInt
            } else {
                return nil
            }
        }
        self.challenge = challenge
        self.algorithm = algorithm
        self.qop = qop
        self.realm = realm
        self.nonce = nonce
    }

    /// The topmost challenge that can be answered (RFC 8760 §2.4: servers list them in order
    /// of preference; a client ignores the ones it does not support). Nil when none can be.
    public static func choose(from challenges: [AuthChallenge]) -> DigestAuthorizer? {
        for challenge in challenges {
            if let authorizer = DigestAuthorizer(challenge: challenge) { return authorizer }
        }
        return nil
    }

    /// Builds the header value for one request.
    ///
    /// - Parameters:
    ///   - method: the request method (for ACK and CANCEL, that of the INVITE, RFC 3261 §22.1).
    ///   - uri: the Request-URI, exactly as it will be sent.
    ///   - body: the message body, used only with auth-int (nil hashes as empty).
    ///   - nonceCount: how many requests this nonce has now been used for, starting at 1.
    ///   - cnonce: a fresh client nonce; the caller makes it, since this code has no randomness.
    /// - Throws: when a value would have to carry a control character (a line break could
    ///   inject a header); the error names the field.
    public func answer(
        credentials: DigestCredentials, method: String, uri: String, body: [UInt8]? = nil,
        nonceCount: UInt32, cnonce: String
    ) throws(DigestSyntaxError) -> DigestAnswer {
        let nc = qop == nil ? nil : DigestText.nonceCount(nonceCount)
        let sentCnonce = qop == nil ? nil : cnonce
        let result = DigestComputation.compute(
            algorithm: algorithm, username: credentials.username, realm: realm,
            password: credentials.password, method: method, uri: uri, nonce: nonce,
            nc: nc, cnonce: sentCnonce, qop: qop, body: body)
        let usesUserhash = challenge.userhash
        let sentUsername = usesUserhash
            ? DigestComputation.userhash(algorithm: algorithm, username: credentials.username, realm: realm)
            : credentials.username

        var parts: [String] = [
            "username=" + (try DigestText.quoted(sentUsername, field: "username")),
            "realm=" + (try DigestText.quoted(realm, field: "realm")),
            "nonce=" + (try DigestText.quoted(nonce, field: "nonce")),
            "uri=" + (try DigestText.quoted(uri, field: "uri")),
            "response=\"\(result.response)\"",
        ]
        // Echo the algorithm as the server spelled it; omit it when the server did (RFC 2617).
        if let name = challenge.algorithmName {
            parts.append("algorithm=\(name)")
        }
        if let qop, let nc, let sentCnonce {
            parts.append("cnonce=" + (try DigestText.quoted(sentCnonce, field: "cnonce")))
            parts.append("qop=\(qop.token)")
            parts.append("nc=\(nc)")
        }
        if let opaque = challenge.opaque {
            parts.append("opaque=" + (try DigestText.quoted(opaque, field: "opaque")))
        }
        if usesUserhash {
            parts.append("userhash=true")
        }
        return DigestAnswer(
            headerValue: "Digest " + parts.joined(separator: ", "),
            response: result.response,
            sentUsername: sentUsername,
            nonceCount: nc,
            cnonce: sentCnonce)
    }
}
