extension SIPURI {
    /// The URI comparison of RFC 3261 §19.1.4 (with RFC 5954 §4 for IPv6 hosts):
    ///
    /// - `sip` and `sips` never match;
    /// - user and password compare exactly, after unescaping (case-sensitive);
    /// - hosts compare case-insensitively, IPv6 references as addresses;
    /// - a port, `transport`, `user`, `ttl`, `method` or `maddr` present in one URI must be
    ///   present and equal in the other: `sip:bob@biloxi.com` is not `sip:bob@biloxi.com:5060`;
    /// - any other parameter is compared only when both URIs have it;
    /// - headers must be the same in both, in any order (names case-insensitive, values
    ///   exact after unescaping, since each header field has its own matching rules);
    /// - parameter names and values compare case-insensitively.
    ///
    /// It is not transitive (`;security=on` and `;security=off` each match a URI with no
    /// `security`, but not each other), which is why it is not `==`.
    public func isEquivalent(to other: SIPURI) -> Bool {
        guard isSecure == other.isSecure,
              user == other.user,
              password == other.password,
              port == other.port,
              URIHost.isEquivalent(host, other.host) else { return false }

        for parameter in parameters {
            if let index = other.parameters.firstIndex(named: parameter.name) {
                guard Self.valuesMatch(parameter.value, other.parameters[index].value) else { return false }
            } else if Self.mustMatchWhenPresent(parameter.name) {
                return false
            }
        }
        for parameter in other.parameters where Self.mustMatchWhenPresent(parameter.name) {
            guard parameters.contains(parameter.name) else { return false }
        }

        guard headers.count == other.headers.count else { return false }
        for header in headers {
            guard other.headers.contains(where: {
                $0.name.equalsIgnoringASCIICase(header.name) && $0.value == header.value
            }) else { return false }
        }
        for header in other.headers {
            guard headers.contains(where: {
                $0.name.equalsIgnoringASCIICase(header.name) && $0.value == header.value
            }) else { return false }
        }
        return true
    }

    private static func mustMatchWhenPresent(_ name: String) -> Bool {
        name.equalsIgnoringASCIICase("transport") || name.equalsIgnoringASCIICase("user")
            || name.equalsIgnoringASCIICase("ttl") || name.equalsIgnoringASCIICase("method")
            || name.equalsIgnoringASCIICase("maddr")
    }

    private static func valuesMatch(_ a: String?, _ b: String?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case let (x?, y?): x.equalsIgnoringASCIICase(y)
        default: false
        }
    }
}
