import Testing
@testable import SIPCore

@Suite struct DigestChallengeParsingTests {
    @Test func severalChallengesInOneValueKeepTheirOrder() throws {
        let challenges = try AuthChallenge.parseList(
            #"Digest realm="a", nonce="x", algorithm=SHA-256, Digest realm="a", nonce="y""#)
        #expect(challenges.count == 2)
        #expect(challenges.map(\.nonce) == ["x", "y"])
        #expect(challenges[0].algorithm == .sha256)
        #expect(challenges[0].algorithmName == "SHA-256")
        #expect(challenges[1].algorithm == .md5)
        #expect(challenges[1].algorithmName == nil)
        #expect(challenges.allSatisfy { $0.isDigest && $0.realm == "a" })
    }

    @Test func unknownSchemesAreKeptInPlace() throws {
        let challenges = try AuthChallenge.parseList(
            #"NoOneKnowsThisScheme foo=bar, Basic realm="simple", Digest realm="r", nonce="n", Negotiate YII/xw==, Bearer"#)
        #expect(challenges.map(\.scheme) == ["NoOneKnowsThisScheme", "Basic", "Digest", "Negotiate", "Bearer"])
        #expect(challenges[0].parameters == [AuthParameter(name: "foo", value: "bar")])
        #expect(challenges[1].realm == "simple")
        #expect(!challenges[1].isDigest)
        #expect(challenges[2].parameters.count == 2)
        #expect(challenges[3].token68 == "YII/xw==")
        #expect(challenges[3].parameters.isEmpty)
        #expect(challenges[4].parameters.isEmpty && challenges[4].token68 == nil)
    }

    @Test func commasAndSchemeNamesInsideQuotesAreText() throws {
        let challenges = try AuthChallenge.parseList(#"Digest realm="a, b=c, Digest x=\"y\"", nonce="n""#)
        #expect(challenges.count == 1)
        #expect(challenges[0].realm == #"a, b=c, Digest x="y""#)
        #expect(challenges[0].nonce == "n")
    }

    @Test func quotedPairsAreUnescaped() throws {
        let challenge = try #require(try AuthChallenge.parseList(#"Digest realm="say \"hi\" \\ \o/", nonce="n""#).first)
        #expect(challenge.realm == #"say "hi" \ o/"#)
    }

    @Test(arguments: [("TRUE", true), ("true", true), ("True", true), ("\"true\"", true), ("FALSE", false), ("false", false)])
    func staleIsCaseInsensitive(value: String, expected: Bool) throws {
        let challenge = try #require(try AuthChallenge.parseList(#"Digest realm="r", nonce="n", stale="# + value).first)
        #expect(challenge.stale == expected)
    }

    @Test func staleIsFalseWhenAbsent() throws {
        let challenge = try #require(try AuthChallenge.parseList(#"Digest realm="r", nonce="n""#).first)
        #expect(!challenge.stale)
    }

    @Test func qopListIsSplitTrimmedAndLowerCased() throws {
        let list = try AuthChallenge.parseList(#"Digest realm="r", nonce="n", qop=" Auth , auth-int,,auth-conf ""#)
        #expect(list[0].qopOptions == ["auth", "auth-int", "auth-conf"])
        let token = try AuthChallenge.parseList(#"Digest realm="r", nonce="n", qop=auth-int"#)
        #expect(token[0].qopOptions == ["auth-int"])
        let absent = try AuthChallenge.parseList(#"Digest realm="r", nonce="n""#)
        #expect(absent[0].qopOptions == nil)
    }

    @Test func headerFoldsCountAsWhitespaceEverywhere() throws {
        let value = "Digest\r\n realm=\"a\",\r\n\tnonce\r\n =\r\n \"b\"\r\n ,\r\n opaque=\"long\r\n   value\""
        let challenges = try AuthChallenge.parseList(value)
        #expect(challenges.count == 1)
        #expect(challenges[0].realm == "a")
        #expect(challenges[0].nonce == "b")
        // A fold inside quotes reads as one space (RFC 7230 §3.2.4).
        #expect(challenges[0].opaque == "long value")
    }

    @Test func whitespaceAroundEqualsAndCommas() throws {
        let challenges = try AuthChallenge.parseList("Digest realm = \"a\" ,\tnonce=\t\"b\" ,algorithm =MD5-sess , qop=\"auth\"")
        #expect(challenges.count == 1)
        #expect(challenges[0].realm == "a")
        #expect(challenges[0].nonce == "b")
        #expect(challenges[0].algorithm == .md5Sess)
        #expect(challenges[0].qopOptions == ["auth"])
    }

    @Test func namesAndAlgorithmAreCaseInsensitive() throws {
        let challenge = try #require(try AuthChallenge.parseList(
            #"digest REALM="a", Nonce="b", ALGORITHM=sha-512-256-SESS, QOP="AUTH", UserHash=TRUE"#).first)
        #expect(challenge.isDigest)
        #expect(challenge.realm == "a")
        #expect(challenge[parameter: "realm"] == "a")
        #expect(challenge.nonce == "b")
        #expect(challenge.algorithm == .sha512_256Sess)
        #expect(challenge.qopOptions == ["auth"])
        #expect(challenge.userhash)
    }

    @Test func everyDigestParameterAndUnknownOnesAreKept() throws {
        let challenge = try #require(try AuthChallenge.parseList(
            #"Digest realm="r", domain="sip:a.example.com  sip:b.example.com", nonce="n", opaque="o", stale=false, algorithm=SHA-256, qop="auth", charset=UTF-8, userhash=true, x-vendor=thing, x-quoted="q v""#
        ).first)
        #expect(challenge.domain == ["sip:a.example.com", "sip:b.example.com"])
        #expect(challenge.opaque == "o")
        #expect(challenge.charset == "UTF-8")
        #expect(challenge.userhash)
        #expect(challenge[parameter: "x-vendor"] == "thing")
        #expect(challenge[parameter: "X-QUOTED"] == "q v")
        #expect(challenge.parameters.map(\.name) == [
            "realm", "domain", "nonce", "opaque", "stale", "algorithm", "qop", "charset", "userhash", "x-vendor", "x-quoted",
        ])
    }

    @Test func unknownAlgorithmIsNotSupportedButStillReadable() throws {
        let challenge = try #require(try AuthChallenge.parseList(#"Digest realm="r", nonce="n", algorithm=SHA-999"#).first)
        #expect(challenge.algorithm == nil)
        #expect(challenge.algorithmName == "SHA-999")
    }

    @Test func emptyListElementsAreSkipped() throws {
        let challenges = try AuthChallenge.parseList(#" , Digest realm="a",, nonce="b" ,, "#)
        #expect(challenges.count == 1)
        #expect(challenges[0].parameters.map(\.name) == ["realm", "nonce"])
    }

    @Test func severalHeaderLinesMakeOneOrderedList() throws {
        let challenges = try AuthChallenge.parseList([
            #"Digest realm="a", nonce="1", algorithm=SHA-256"#,
            #"Digest realm="a", nonce="2""#,
        ])
        #expect(challenges.map(\.nonce) == ["1", "2"])
        #expect(challenges.map(\.algorithm) == [.sha256, .md5])
    }

    @Test func anErrorInTheSecondHeaderLineSaysSo() {
        #expect(throws: DigestSyntaxError(reason: "unterminated quoted string", offset: 13, valueIndex: 1)) {
            try AuthChallenge.parseList([#"Digest realm="a", nonce="1""#, #"Digest realm="a"#])
        }
    }

    // MARK: - Malformed values

    @Test func unterminatedQuotePointsAtTheOpeningQuote() {
        // 0-based: `Digest ` is 0...6, `realm=` 7...12, the quote is at 13.
        #expect(throws: DigestSyntaxError(reason: "unterminated quoted string", offset: 13)) {
            try AuthChallenge.parseList(#"Digest realm="abc, nonce=x"#)
        }
        #expect(throws: DigestSyntaxError(reason: "unterminated quoted string", offset: 13)) {
            try AuthChallenge.parseList(#"Digest realm="abc\"#)
        }
    }

    @Test func missingEqualsPointsAtWhatCameInstead() {
        #expect(throws: DigestSyntaxError(reason: "expected '=' after parameter name 'nonce'", offset: 24)) {
            try AuthChallenge.parseList(#"Digest realm="a", nonce "x""#)
        }
        #expect(throws: DigestSyntaxError(reason: "expected '=' after parameter name 'realm'", offset: 13)) {
            try AuthChallenge.parseList(#"Digest realm "a""#)
        }
        #expect(throws: DigestSyntaxError(reason: "expected '=' after parameter name 'realm'", offset: 12)) {
            try AuthChallenge.parseList("Digest realm")
        }
    }

    @Test func emptyValuesAreRefused() {
        #expect(throws: DigestSyntaxError(reason: "empty header value: expected an authentication scheme", offset: 0)) {
            try AuthChallenge.parseList("")
        }
        #expect(throws: DigestSyntaxError(reason: "empty header value: expected an authentication scheme", offset: 4)) {
            try AuthChallenge.parseList(" , \t")
        }
        #expect(throws: DigestSyntaxError(reason: "expected a token or a quoted string as the value of 'realm'", offset: 13)) {
            try AuthChallenge.parseList(#"Digest realm=, nonce="n""#)
        }
        #expect(throws: DigestSyntaxError(reason: "missing value for parameter 'realm'", offset: 13)) {
            try AuthChallenge.parseList("Digest realm=")
        }
    }

    @Test func otherMalformedValues() {
        #expect(throws: DigestSyntaxError(reason: "expected ',' after the value of 'realm'", offset: 17)) {
            try AuthChallenge.parseList(#"Digest realm="a" nonce="b""#)
        }
        #expect(throws: DigestSyntaxError(reason: "duplicate parameter 'REALM'", offset: 18)) {
            try AuthChallenge.parseList(#"Digest realm="a", REALM="b""#)
        }
        #expect(throws: DigestSyntaxError(reason: "expected a space after the scheme 'Digest'", offset: 6)) {
            try AuthChallenge.parseList(#"Digest"realm""#)
        }
        #expect(throws: DigestSyntaxError(reason: "expected an authentication scheme", offset: 0)) {
            try AuthChallenge.parseList("=realm")
        }
        #expect(throws: DigestSyntaxError(reason: "line break not followed by a space or tab (not a header fold)", offset: 17)) {
            try AuthChallenge.parseList("Digest realm=\"a\",\r\nnonce=\"b\"")
        }
        #expect(throws: DigestSyntaxError(reason: "control character inside a quoted string", offset: 15)) {
            try AuthChallenge.parseList("Digest realm=\"a\u{01}\"")
        }
        #expect(throws: DigestSyntaxError(reason: "line break inside a quoted string", offset: 15)) {
            try AuthChallenge.parseList("Digest realm=\"a\r\nb\"")
        }
    }

    @Test func missingCommaIsAcceptedOnlyWhenAskedFor() throws {
        let challenges = try AuthChallenge.parseList(#"Digest realm="a" nonce="b", algorithm=MD5"#, allowingMissingCommas: true)
        #expect(challenges.count == 1)
        #expect(challenges[0].nonce == "b")
        #expect(challenges[0].algorithm == .md5)
    }

    @Test func offsetsCountOctetsNotCharacters() {
        // "Jäsøn" is 5 characters but 7 UTF-8 octets, so the quote after `nonce ` is at 30, not 28.
        #expect(throws: DigestSyntaxError(reason: "expected '=' after parameter name 'nonce'", offset: 30)) {
            try AuthChallenge.parseList(#"Digest realm="Jäsøn", nonce "x""#)
        }
    }

    @Test func errorDescriptionNamesTheOffset() {
        #expect(DigestSyntaxError(reason: "bad", offset: 4).description == "octet 4: bad")
        #expect(DigestSyntaxError(reason: "bad", offset: 4, valueIndex: 1).description == "header value 2, octet 4: bad")
    }

    // MARK: - Authorization values

    @Test func authorizationValueFieldsAreRead() throws {
        let value = try AuthorizationValue.parse(
            #"Digest username="bob", realm="biloxi.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="sip:bob@biloxi.com", qop=auth, nc=00000001, cnonce="0a4f113b", response="6629fae49393a05397450978507c4ef1", opaque="5ccc069c403ebaf9f0171e9517f40e41", algorithm=MD5, userhash=false"#)
        #expect(value.isDigest)
        #expect(value.username == "bob")
        #expect(value.realm == "biloxi.com")
        #expect(value.nonce == "dcd98b7102dd2f0e8b11d0f600bfb0c093")
        #expect(value.uri == "sip:bob@biloxi.com")
        #expect(value.qop == .auth)
        #expect(value.qopName == "auth")
        #expect(value.nc == "00000001")
        #expect(value.nonceCount == 1)
        #expect(value.cnonce == "0a4f113b")
        #expect(value.response == "6629fae49393a05397450978507c4ef1")
        #expect(value.opaque == "5ccc069c403ebaf9f0171e9517f40e41")
        #expect(value.algorithm == .md5)
        #expect(!value.userhash)
    }

    @Test func authorizationValueHoldsOneSchemeOnly() {
        #expect(throws: DigestSyntaxError(reason: "unexpected second scheme: one set of credentials per header value", offset: 23)) {
            try AuthorizationValue.parse(#"Digest username="bob", Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="#)
        }
    }

    @Test func basicCredentialsAreAToken68() throws {
        let value = try AuthorizationValue.parse("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
        #expect(!value.isDigest)
        #expect(value.token68 == "QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
    }
}
