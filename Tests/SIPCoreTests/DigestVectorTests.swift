import Testing
@testable import SIPCore

/// Every vector of Fixtures/digest/vectors.json through the raw formulas, and (where the
/// inputs fit a real challenge) through challenge → answer → parse → verify.
@Suite struct DigestVectorTests {
    @Test func theFileHasEveryVectorAndExactlyTheTwoErrata() throws {
        let vectors = try DigestFixtures.vectors()
        #expect(vectors.count == 19)
        #expect(Set(vectors.filter { !$0.confirmed }.map(\.id))
            == ["rfc2069-example", "rfc7616-3.9.2-SHA-512-256-userhash"])
    }

    @Test(arguments: try DigestFixtures.vectors())
    func rawComputationReproducesTheVector(_ vector: DigestVector) throws {
        let algorithm = try #require(vector.algorithm.map { DigestAlgorithm(name: $0) } ?? .md5)
        let qop: DigestQOP? = try vector.qop.map { try #require(DigestQOP(token: $0)) }
        let result = DigestComputation.compute(
            algorithm: algorithm, username: vector.username, realm: vector.realm,
            password: vector.password, method: vector.method, uri: vector.uri, nonce: vector.nonce,
            nc: vector.nc, cnonce: vector.cnonce, qop: qop, body: vector.bodyBytes)

        if vector.confirmed {
            #expect(result.response == vector.expectedResponse)
        } else {
            // A known-wrong published value: it must NOT reproduce, and the erratum must.
            #expect(vector.erratumCorrectedConfirmed == true)
            #expect(result.response != vector.expectedResponse)
            #expect(result.response == vector.erratumCorrectedResponse)
        }
        #expect(result.response == vector.computedResponse)
        #expect(result.ha1 == vector.computedHA1)
        if let expectedHA1 = vector.expectedHA1 {
            #expect(result.ha1 == expectedHA1)
        }
        if let bodyHash = vector.computedBodyHash {
            #expect(algorithm.hexDigest(vector.bodyBytes ?? []) == bodyHash)
        }
        if vector.userhash {
            let userhash = DigestComputation.userhash(
                algorithm: algorithm, username: vector.username, realm: vector.realm)
            #expect(userhash == vector.computedUserhash)
            if vector.userhashConfirmed == false {
                // RFC 7616 §3.9.2 prints a userhash that its own inputs do not give.
                #expect(userhash != vector.expectedUserhash)
            }
        }
    }

    @Test(arguments: try DigestFixtures.vectors())
    func answerBuiltFromTheVectorsChallengeCarriesTheSameResponse(_ vector: DigestVector) throws {
        // The builder always writes nc as 8 hex digits; a vector with another nc (sofia's
        // 9-digit "000000002") is covered by the raw computation above only.
        if let nc = vector.nc, nc.count != 8 { return }
        var parameters = [
            AuthParameter(name: "realm", value: vector.realm),
            AuthParameter(name: "nonce", value: vector.nonce),
        ]
        if let algorithm = vector.algorithm { parameters.append(AuthParameter(name: "algorithm", value: algorithm)) }
        if let qop = vector.qop { parameters.append(AuthParameter(name: "qop", value: qop)) }
        if let opaque = vector.opaque { parameters.append(AuthParameter(name: "opaque", value: opaque)) }
        if vector.userhash { parameters.append(AuthParameter(name: "userhash", value: "true")) }
        let authorizer = try #require(DigestAuthorizer(challenge: AuthChallenge(scheme: "Digest", parameters: parameters)))
        let credentials = DigestCredentials(username: vector.username, password: vector.password)

        let answer = try authorizer.answer(
            credentials: credentials, method: vector.method, uri: vector.uri, body: vector.bodyBytes,
            nonceCount: vector.nc.flatMap { UInt32($0, radix: 16) } ?? 1, cnonce: vector.cnonce ?? "unused")

        #expect(answer.response == (vector.erratumCorrectedResponse ?? vector.expectedResponse))
        let parsed = try AuthorizationValue.parse(answer.headerValue)
        #expect(parsed.response == answer.response)
        #expect(parsed.username == (vector.userhash ? vector.computedUserhash : vector.username))
        #expect(parsed.opaque == vector.opaque)
        #expect(parsed.nc == vector.nc)
        #expect(parsed.cnonce == vector.cnonce)
        #expect(parsed.isValid(credentials: credentials, method: vector.method, body: vector.bodyBytes))
    }

    @Test func resiprocateHA1VectorsForEveryHash() throws {
        let file = try DigestFixtures.vectorFile()
        #expect(file.ha1Vectors.count == 1)
        for vector in file.ha1Vectors {
            #expect(vector.expected.count == 3)
            for (name, expected) in vector.expected {
                let algorithm = try #require(DigestAlgorithm(name: name))
                #expect(algorithm.hexDigest(vector.input) == expected, "\(vector.id) \(name)")
            }
        }
    }
}
