import Testing
@testable import SIPCore

@Suite struct DigestAuthorizerTests {
    private let bob = DigestCredentials(username: "bob", password: "zanzibar")

    private func challenge(_ value: String) throws -> AuthChallenge {
        try #require(try AuthChallenge.parseList(value).first)
    }

    // MARK: - Choosing (RFC 8760 §2.4)

    @Test func topmostSupportedChallengeIsChosen() throws {
        let challenges = try AuthChallenge.parseList([
            #"Digest realm="r", nonce="1", algorithm=SHA-999, qop="auth""#,
            #"Digest realm="r", nonce="2", algorithm=SHA-256, qop="auth""#,
            #"Digest realm="r", nonce="3", algorithm=MD5, qop="auth""#,
        ])
        let chosen = try #require(DigestAuthorizer.choose(from: challenges))
        #expect(chosen.nonce == "2")
        #expect(chosen.algorithm == .sha256)
        #expect(chosen.qop == .auth)
    }

    @Test func nothingSupportedGivesNil() throws {
        #expect(DigestAuthorizer.choose(from: try AuthChallenge.parseList(#"Basic realm="r""#)) == nil)
        #expect(DigestAuthorizer.choose(from: []) == nil)
        #expect(DigestAuthorizer.choose(from: try AuthChallenge.parseList(
            #"Digest realm="r", nonce="n", algorithm=SHA-999, NoOneKnowsThisScheme x=y"#)) == nil)
    }

    @Test func unusableDigestChallengesAreSkipped() throws {
        let challenges = try AuthChallenge.parseList([
            #"Basic realm="r""#,
            #"Digest realm="r", algorithm=MD5"#,                       // no nonce
            #"Digest nonce="n""#,                                       // no realm
            #"Digest realm="r", nonce="n", qop="auth-conf""#,           // no qop we know
            #"Digest realm="r", nonce="n", algorithm=MD5-sess"#,        // -sess needs a qop
            #"Digest realm="r", nonce="last", algorithm=SHA-512-256"#,
        ])
        let chosen = try #require(DigestAuthorizer.choose(from: challenges))
        #expect(chosen.nonce == "last")
        #expect(chosen.algorithm == .sha512_256)
        #expect(chosen.qop == nil)
    }

    @Test(arguments: [
        (#"qop="auth,auth-int""#, DigestQOP?.some(.auth)),
        (#"qop="auth-int,auth""#, DigestQOP?.some(.auth)),
        (#"qop="auth-int""#, DigestQOP?.some(.authInt)),
        (#"qop="auth-conf,auth-int""#, DigestQOP?.some(.authInt)),
        ("stale=false", DigestQOP?.none),
    ])
    func qopIsAuthWhenOfferedThenAuthInt(parameter: String, expected: DigestQOP?) throws {
        let authorizer = try #require(DigestAuthorizer(challenge: challenge(#"Digest realm="r", nonce="n", "# + parameter)))
        #expect(authorizer.qop == expected)
    }

    // MARK: - Building the header value

    @Test func answerIsFormattedAsRFC7616Says() throws {
        // draft-smith-sipping-auth-examples-01 §3.3 (vector smith-3.3-auth-MD5).
        let authorizer = try #require(DigestAuthorizer(challenge: challenge(
            #"Digest realm="biloxi.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41", algorithm=MD5"#)))
        let answer = try authorizer.answer(
            credentials: bob, method: "INVITE", uri: "sip:bob@biloxi.com", nonceCount: 1, cnonce: "0a4f113b")
        #expect(answer.headerValue == #"Digest username="bob", realm="biloxi.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="sip:bob@biloxi.com", response="89eb0059246c02b2f6ee02c7961d5ea3", algorithm=MD5, cnonce="0a4f113b", qop=auth, nc=00000001, opaque="5ccc069c403ebaf9f0171e9517f40e41""#)
        #expect(answer.response == "89eb0059246c02b2f6ee02c7961d5ea3")
        #expect(answer.nonceCount == "00000001")
        #expect(answer.cnonce == "0a4f113b")
        #expect(answer.sentUsername == "bob")
    }

    @Test func withoutQopThereIsNoCnonceNcOrQop() throws {
        // smith-3.1: no algorithm and no qop in the challenge, so neither is in the answer.
        let authorizer = try #require(DigestAuthorizer(challenge: challenge(
            #"Digest realm="biloxi.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41""#)))
        let answer = try authorizer.answer(
            credentials: bob, method: "INVITE", uri: "sip:bob@biloxi.com", nonceCount: 7, cnonce: "ignored")
        #expect(answer.headerValue == #"Digest username="bob", realm="biloxi.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="sip:bob@biloxi.com", response="bf57e4e0d0bffc0fbaedce64d59add5e", opaque="5ccc069c403ebaf9f0171e9517f40e41""#)
        #expect(answer.nonceCount == nil)
        #expect(answer.cnonce == nil)
    }

    @Test(arguments: [(UInt32(1), "00000001"), (0x1A2B, "00001a2b"), (UInt32.max, "ffffffff")])
    func nonceCountIsEightLowerCaseHexDigits(count: UInt32, expected: String) throws {
        let authorizer = try #require(DigestAuthorizer(challenge: challenge(#"Digest realm="r", nonce="n", qop="auth""#)))
        let answer = try authorizer.answer(credentials: bob, method: "REGISTER", uri: "sip:r", nonceCount: count, cnonce: "c")
        #expect(answer.nonceCount == expected)
        #expect(answer.headerValue.contains("nc=\(expected)"))
        #expect(try AuthorizationValue.parse(answer.headerValue).nonceCount == count)
    }

    @Test func algorithmIsEchoedAsTheServerSpelledIt() throws {
        let authorizer = try #require(DigestAuthorizer(challenge: challenge(#"Digest realm="r", nonce="n", algorithm=sha-256, qop=auth"#)))
        let answer = try authorizer.answer(credentials: bob, method: "REGISTER", uri: "sip:r", nonceCount: 1, cnonce: "c")
        #expect(answer.headerValue.contains("algorithm=sha-256,"))
        #expect(try AuthorizationValue.parse(answer.headerValue).algorithm == .sha256)
    }

    // MARK: - Round trips: build, parse back, verify

    @Test(arguments: DigestAlgorithm.allCases)
    func answerParsesBackAndVerifies(algorithm: DigestAlgorithm) throws {
        let authorizer = try #require(DigestAuthorizer(challenge: challenge(
            #"Digest realm="atlanta.example.com", nonce="abc123", opaque="", qop="auth", algorithm="# + algorithm.name)))
        let answer = try authorizer.answer(
            credentials: bob, method: "REGISTER", uri: "sips:ss2.biloxi.example.com", nonceCount: 3, cnonce: "xyz")
        let parsed = try AuthorizationValue.parse(answer.headerValue)
        #expect(parsed.algorithm == algorithm)
        #expect(parsed.response?.count == (algorithm == .md5 || algorithm == .md5Sess ? 32 : 64))
        #expect(parsed.opaque == "")
        #expect(parsed.expectedResponse(credentials: bob, method: "REGISTER") == answer.response)
        #expect(parsed.isValid(credentials: bob, method: "REGISTER"))
        #expect(!parsed.isValid(credentials: DigestCredentials(username: "bob", password: "zanzibaR"), method: "REGISTER"))
        #expect(!parsed.isValid(credentials: DigestCredentials(username: "alice", password: "zanzibar"), method: "REGISTER"))
        #expect(!parsed.isValid(credentials: bob, method: "INVITE"))
    }

    @Test func aTamperedResponseDoesNotVerify() throws {
        let authorizer = try #require(DigestAuthorizer(challenge: challenge(#"Digest realm="r", nonce="n", qop="auth""#)))
        let answer = try authorizer.answer(credentials: bob, method: "INVITE", uri: "sip:r", nonceCount: 1, cnonce: "c")
        var parsed = try AuthorizationValue.parse(answer.headerValue)
        let index = try #require(parsed.parameters.firstIndex { $0.name == "nc" })
        parsed.parameters[index].value = "00000002"
        #expect(!parsed.isValid(credentials: bob, method: "INVITE"))
    }

    @Test func authIntCoversTheBody() throws {
        let authorizer = try #require(DigestAuthorizer(challenge: challenge(#"Digest realm="r", nonce="n", qop="auth-int""#)))
        #expect(authorizer.qop == .authInt)
        let body = Array("v=0\r\no=bob 1 1 IN IP4 192.0.2.1\r\n".utf8)
        let withBody = try authorizer.answer(
            credentials: bob, method: "INVITE", uri: "sip:r", body: body, nonceCount: 1, cnonce: "c")
        #expect(withBody.headerValue.contains("qop=auth-int"))
        let parsed = try AuthorizationValue.parse(withBody.headerValue)
        #expect(parsed.isValid(credentials: bob, method: "INVITE", body: body))
        #expect(!parsed.isValid(credentials: bob, method: "INVITE", body: body + [0x20]))
        #expect(!parsed.isValid(credentials: bob, method: "INVITE", body: nil))
    }

    @Test func authIntWithoutABodyHashesTheEmptyString() throws {
        // MD5("") = d41d8cd98f00b204e9800998ecf8427e (RFC 1321 test suite).
        #expect(DigestComputation.ha2(algorithm: .md5, method: "INVITE", uri: "sip:r", qop: .authInt, body: nil)
            == DigestAlgorithm.md5.hexDigest("INVITE:sip:r:d41d8cd98f00b204e9800998ecf8427e"))
        let authorizer = try #require(DigestAuthorizer(challenge: challenge(#"Digest realm="r", nonce="n", qop="auth-int""#)))
        let noBody = try authorizer.answer(credentials: bob, method: "BYE", uri: "sip:r", body: nil, nonceCount: 1, cnonce: "c")
        let emptyBody = try authorizer.answer(credentials: bob, method: "BYE", uri: "sip:r", body: [], nonceCount: 1, cnonce: "c")
        #expect(noBody == emptyBody)
        let parsed = try AuthorizationValue.parse(noBody.headerValue)
        #expect(parsed.isValid(credentials: bob, method: "BYE"))
        // auth (not auth-int) gives a different response for the same inputs.
        let auth = try #require(DigestAuthorizer(challenge: challenge(#"Digest realm="r", nonce="n", qop="auth""#)))
        #expect(try auth.answer(credentials: bob, method: "BYE", uri: "sip:r", nonceCount: 1, cnonce: "c").response != noBody.response)
    }

    @Test func userhashSendsTheHashedUsername() throws {
        let authorizer = try #require(DigestAuthorizer(challenge: challenge(
            #"Digest realm="api@example.org", nonce="n", qop="auth", algorithm=SHA-512-256, charset=UTF-8, userhash=true"#)))
        let credentials = DigestCredentials(username: "Jäsøn Doe", password: "Secret, or not?")
        let answer = try authorizer.answer(credentials: credentials, method: "GET", uri: "/doe.json", nonceCount: 1, cnonce: "c")
        // vectors.json computed_userhash for rfc7616-3.9.2.
        #expect(answer.sentUsername == "793263caabb707a56211940d90411ea4a575adeccb7e360aeb624ed06ece9b0b")
        #expect(answer.headerValue.hasPrefix(#"Digest username="793263caabb707a56211940d90411ea4a575adeccb7e360aeb624ed06ece9b0b", "#))
        #expect(answer.headerValue.hasSuffix(", userhash=true"))
        #expect(!answer.headerValue.contains("Jäsøn"))
        let parsed = try AuthorizationValue.parse(answer.headerValue)
        #expect(parsed.userhash)
        #expect(parsed.isValid(credentials: credentials, method: "GET"))
    }

    @Test func quotesAndBackslashesAreEscaped() throws {
        let authorizer = try #require(DigestAuthorizer(challenge: challenge(#"Digest realm="a \"b\" \\c", nonce="n", qop="auth""#)))
        let odd = DigestCredentials(username: #"x"y\z"#, password: "p")
        let answer = try authorizer.answer(credentials: odd, method: "INVITE", uri: "sip:r", nonceCount: 1, cnonce: "c")
        #expect(answer.headerValue.hasPrefix(#"Digest username="x\"y\\z", realm="a \"b\" \\c", "#))
        let parsed = try AuthorizationValue.parse(answer.headerValue)
        #expect(parsed.username == #"x"y\z"#)
        #expect(parsed.realm == #"a "b" \c"#)
        #expect(parsed.isValid(credentials: odd, method: "INVITE"))
    }

    @Test func aLineBreakCannotBeInjected() throws {
        let authorizer = try #require(DigestAuthorizer(challenge: challenge(#"Digest realm="r", nonce="n", qop="auth""#)))
        let evil = DigestCredentials(username: "bob\r\nVia: x", password: "p")
        #expect(throws: DigestSyntaxError(reason: "username contains a control character", offset: 3)) {
            try authorizer.answer(credentials: evil, method: "INVITE", uri: "sip:r", nonceCount: 1, cnonce: "c")
        }
        #expect(throws: DigestSyntaxError(reason: "cnonce contains a control character", offset: 1)) {
            try authorizer.answer(credentials: bob, method: "INVITE", uri: "sip:r", nonceCount: 1, cnonce: "c\n")
        }
    }
}
