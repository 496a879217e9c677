import Testing
@testable import SIPCore

/// The password never appears in any textual form of a value (DESIGN.md: it never reaches a
/// log, the history, a file or the screen).
@Suite struct DigestCredentialsTests {
    private let password = "Tr0ub4dor&3-secret"

    private func dumped(_ value: some Any) -> String {
        var text = ""
        dump(value, to: &text)
        return text
    }

    @Test func credentialsNeverShowThePassword() {
        let credentials = DigestCredentials(username: "bob", password: password)
        let forms = [
            String(describing: credentials),
            String(reflecting: credentials),
            "\(credentials)",
            dumped(credentials),
            dumped([credentials]),
            dumped(Optional(credentials)),
        ]
        for form in forms {
            #expect(!form.contains(password), "\(form)")
            #expect(form.contains("bob"))
            #expect(form.contains("<redacted>"))
        }
        #expect(Mirror(reflecting: credentials).children.allSatisfy { "\($0.value)" != password })
    }

    @Test func computationResultNeverShowsHA1() {
        let result = DigestComputation.compute(
            algorithm: .md5, username: "bob", realm: "biloxi.com", password: password, method: "INVITE",
            uri: "sip:bob@biloxi.com", nonce: "n", nc: "00000001", cnonce: "c", qop: .auth, body: nil)
        for form in [String(describing: result), String(reflecting: result), dumped(result)] {
            #expect(!form.contains(result.ha1), "\(form)")
            #expect(!form.contains(password))
            #expect(form.contains(result.response))
        }
    }

    @Test func answerCarriesNoSecret() throws {
        let challenge = try #require(try AuthChallenge.parseList(#"Digest realm="r", nonce="n", qop="auth""#).first)
        let authorizer = try #require(DigestAuthorizer(challenge: challenge))
        let credentials = DigestCredentials(username: "bob", password: password)
        let answer = try authorizer.answer(credentials: credentials, method: "INVITE", uri: "sip:r", nonceCount: 1, cnonce: "c")
        let ha1 = DigestComputation.ha1(
            algorithm: .md5, username: "bob", realm: "r", password: password, nonce: "n", cnonce: "c")
        for form in [String(describing: answer), String(reflecting: answer), dumped(answer), dumped(authorizer)] {
            #expect(!form.contains(password))
            #expect(!form.contains(ha1))
        }
    }
}
