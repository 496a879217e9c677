extension AuthorizationValue {
    /// The response a client holding `credentials` should have sent with these parameters, or
    /// nil when they cannot be checked: not Digest, a required parameter missing, an unknown
    /// algorithm or qop, or a username that is not the credentials' (plain or hashed).
    ///
    /// - Parameters:
    ///   - method: the request's method.
    ///   - body: the request's body, used only with auth-int.
    public func expectedResponse(
        credentials: DigestCredentials, method: String, body: [UInt8]? = nil
    ) -> String? {
        guard isDigest,
              let username, let realm, let nonce, let uri,
              let algorithm
        else { return nil }
        let qop: DigestQOP?
        if let qopName {
            guard let known = DigestQOP(token: qopName), nc != nil, cnonce != nil else { return nil }
            qop = known
        } else {
            qop = nil
        }
        let expectedUsername = userhash
            ? DigestComputation.userhash(algorithm: algorithm, username: credentials.username, realm: realm)
            : credentials.username
        guard username == expectedUsername else { return nil }
        return DigestComputation.compute(
            algorithm: algorithm, username: credentials.username, realm: realm,
            password: credentials.password, method: method, uri: uri, nonce: nonce,
            nc: qop == nil ? nil : nc, cnonce: qop == nil ? nil : cnonce, qop: qop, body: body
        ).response
    }

    /// Whether the `response` proves knowledge of `credentials.password` for this method and
    /// body. Only the digest is checked: whether the nonce is current, the nc new and the uri
    /// the Request-URI is the server's policy. The comparison takes the same time wherever
    /// the response differs.
    public func isValid(credentials: DigestCredentials, method: String, body: [UInt8]? = nil) -> Bool {
        guard let response,
              let expected = expectedResponse(credentials: credentials, method: method, body: body)
        else { return false }
        return DigestText.constantTimeEquals(DigestText.asciiLowercased(response), expected)
    }
}
