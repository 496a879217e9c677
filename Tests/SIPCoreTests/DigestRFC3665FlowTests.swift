import Testing
@testable import SIPCore

/// RFC 3665 §2.1 (successful new registration): F2 is the 401 with WWW-Authenticate, F3 the
/// REGISTER with Authorization. The flows' response values are illustrative, not computable
/// (vectors.json "non_vectors"), so they are read but not checked.
@Suite struct DigestRFC3665FlowTests {
    private let directory = "rfc3665/2.1-successful-new-registration/"

    private func header(_ name: String, in file: String) throws -> String {
        let message = try DigestFixtures.text(directory + file)
        return try #require(DigestFixtures.headerValue(name, inMessage: message))
    }

    @Test func f2ChallengeIsReadAcrossItsFoldedLines() throws {
        let value = try header("WWW-Authenticate", in: "F02-401-Unauthorized-SIP-Server-Bob.sip")
        #expect(value.contains("\r\n "))   // the folds reach the parser as they are on the wire
        let challenges = try AuthChallenge.parseList(value)
        #expect(challenges.count == 1)
        let challenge = challenges[0]
        #expect(challenge.isDigest)
        #expect(challenge.realm == "atlanta.example.com")
        #expect(challenge.qopOptions == ["auth"])
        #expect(challenge.nonce == "ea9c8e88df84f1cec4341ae6cbe5a359")
        #expect(challenge.opaque == "")
        #expect(challenge.stale == false)
        #expect(challenge[parameter: "stale"] == "FALSE")
        #expect(challenge.algorithm == .md5)
        #expect(challenge.parameters.map(\.name) == ["realm", "qop", "nonce", "opaque", "stale", "algorithm"])

        let authorizer = try #require(DigestAuthorizer.choose(from: challenges))
        #expect(authorizer.qop == .auth)
        #expect(authorizer.algorithm == .md5)
        // Our own answer to F2 (RFC 3665's F3 omits the qop that F2 asked for).
        let bob = DigestCredentials(username: "bob", password: "a password the RFC does not give")
        let answer = try authorizer.answer(
            credentials: bob, method: "REGISTER", uri: "sips:ss2.biloxi.example.com", nonceCount: 1, cnonce: "6d1c2bb9")
        #expect(answer.headerValue.contains(#", opaque="""#))
        #expect(answer.headerValue.contains("qop=auth, nc=00000001"))
        #expect(try AuthorizationValue.parse(answer.headerValue).isValid(credentials: bob, method: "REGISTER"))
    }

    @Test func f3AuthorizationIsMissingACommaAsPrinted() throws {
        let value = try header("Authorization", in: "F03-REGISTER-Bob-SIP-Server.sip")
        // `realm="atlanta.example.com"` is followed by a fold and `nonce=` with no comma
        // (Fixtures/rfc3665 INDEX: "syntactically invalid as printed"). Strict parsing says where.
        let nonceOffset = try #require(value.utf8.firstRange(of: "nonce=".utf8)).lowerBound
        let expectedOffset = value.utf8.distance(from: value.utf8.startIndex, to: nonceOffset)
        #expect(throws: DigestSyntaxError(reason: "expected ',' after the value of 'realm'", offset: expectedOffset)) {
            try AuthorizationValue.parse(value)
        }
    }

    @Test func f3AuthorizationFieldsWhenTheMissingCommaIsTolerated() throws {
        let value = try header("Authorization", in: "F03-REGISTER-Bob-SIP-Server.sip")
        let authorization = try AuthorizationValue.parse(value, allowingMissingCommas: true)
        #expect(authorization.isDigest)
        #expect(authorization.username == "bob")
        #expect(authorization.realm == "atlanta.example.com")
        #expect(authorization.nonce == "ea9c8e88df84f1cec4341ae6cbe5a359")
        #expect(authorization.opaque == "")
        #expect(authorization.uri == "sips:ss2.biloxi.example.com")
        #expect(authorization.response == "dfe56131d1958046689d83306477ecc")   // 31 digits: illustrative only
        #expect(authorization.qopName == nil && authorization.nc == nil && authorization.cnonce == nil)
        #expect(authorization.algorithm == .md5)
        #expect(authorization.parameters.map(\.name) == ["username", "realm", "nonce", "opaque", "uri", "response"])

        // F3 answers F2's challenge: same realm and nonce.
        let challengeValue = try header("WWW-Authenticate", in: "F02-401-Unauthorized-SIP-Server-Bob.sip")
        let challenge = try #require(try AuthChallenge.parseList(challengeValue).first)
        #expect(authorization.realm == challenge.realm)
        #expect(authorization.nonce == challenge.nonce)
        #expect(authorization.opaque == challenge.opaque)
    }
}
