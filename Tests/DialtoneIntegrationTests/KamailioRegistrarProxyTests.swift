import Foundation
import SIPTestSupport
import Testing

/// Done when 8: kamailio (Debian kamailio, kamailio-sqlite-modules) as registrar and proxy
/// with digest auth, MD5 and SHA-256: REGISTER succeeds after the prompt and refreshes; a
/// call between a registered Dialtone and another registered peer connects through it,
/// with the 407 on INVITE answered from the cached credentials.
///
/// Peer: Kamailio/kamailio.cfg (its header says how it runs), one instance per algorithm
/// (kamailio's auth module takes one algorithm for all its challenges). The other peer is
/// sipp (Kamailio/sipp/register.xml + Scenarios/uas-answer.xml) under MD5, a second
/// Dialtone (`dialtone answer --no-tui`) under SHA-256, which sipp cannot answer.
@Suite("Done when 8: kamailio as registrar and proxy", .serialized, .timeLimit(.minutes(3)),
       .enabled(if: Peers.kamailioInstalled && Peers.sippInstalled,
                "kamailio, kamailio-sqlite-modules, sqlite3 and sipp are needed (make deps-test)"))
struct KamailioRegistrarProxyTests {
    static let algorithms: [KamailioProcess.Algorithm] = [.md5, .sha256]

    func account(_ user: String, _ kamailio: KamailioProcess) -> [String] { kamailio.accountFlags(user) }

    /// REGISTER → 401 → prompt → 200; refreshed (expires 2 s, kamailio's min_expires is
    /// 1 s) with the cached credentials, no second prompt; unregistered at the end.
    @Test(arguments: algorithms)
    func registerAfterThePromptAndRefresh(algorithm: KamailioProcess.Algorithm) async throws {
        let kamailio = try await Peers.kamailio(algorithm: algorithm)
        defer { kamailio.stop() }
        let dialtone = try DialtoneProcess(["register", "--no-tui", "--json", "--expires", "2", "--duration", "5"]
            + account("alice", kamailio))
        defer { dialtone.kill() }
        let prompt = try await dialtone.waitForPrompt(endingWith: "Password:")
        #expect(prompt.contains(Users.domain) && prompt.contains(kamailio.hostPort), "\(prompt)")
        try dialtone.send(line: Users.alicePassword)
        try await dialtone.waitForEvent("registration", fields: ["state": "registered"])
        #expect(try await dialtone.waitForExit(timeout: .seconds(15)) == DialtoneExit.ok, "\(dialtone.transcript)")

        #expect(dialtone.prompts(endingWith: "Password:").count == 1, "the refresh asked again\n\(dialtone.transcript)")
        // kamailio.cfg logs each saved REGISTER: the first, at least one refresh within the
        // 5 s, and the unregistration.
        let saved = kamailio.log.components(separatedBy: "\n").filter { $0.contains("REGISTER sip:alice@\(Users.domain): saved") }
        #expect(saved.count >= 3, "\(saved.count) REGISTERs saved\n\(kamailio.log.suffix(4000))")
        if algorithm == .sha256 {
            #expect(!kamailio.log.contains("challenged (-2)"), "an answer kamailio did not accept\n\(kamailio.report)")
        }
        dialtone.expectNothingLeaks([Users.alicePassword])
    }

    /// MD5: alice (Dialtone) calls bob (sipp, registered through Kamailio/sipp/register.xml).
    @Test func callToARegisteredSippPeer() async throws {
        let kamailio = try await Peers.kamailio(algorithm: .md5)
        defer { kamailio.stop() }
        let bob = try await Peers.uas("uas-answer.xml", keys: ["expect_cseq": "any"])
        defer { bob.stop() }
        let registration = try await Peers.uac(Peers.kamailioScenario("register.xml"), remote: kamailio.hostPort,
                                               keys: ["sip_domain": Users.domain, "contact_port": String(bob.port), "expires": "120"],
                                               arguments: ["-s", "bob", "-au", "bob", "-ap", Users.bobPassword])
        defer { registration.stop() }
        await expectPassed(registration, "bob's REGISTER")

        try await kamailio.aliceCallsBob()
        await expectPassed(bob, "bob")
        let invite = try #require(bob.messages.received.requests("INVITE").first)
        #expect(invite.values("Record-Route").contains { $0.contains(kamailio.hostPort) })
        #expect(invite.header("Proxy-Authorization") == nil, "kamailio consumed the credentials")
    }

    /// SHA-256: alice (Dialtone) calls bob (a second Dialtone, registered and waiting).
    @Test func callToARegisteredDialtonePeerWithSHA256() async throws {
        let kamailio = try await Peers.kamailio(algorithm: .sha256)
        defer { kamailio.stop() }
        let bob = try DialtoneProcess(["answer", "--no-tui", "--json", "--bind", "127.0.0.1"] + account("bob", kamailio),
                                      environment: ["DIALTONE_PASSWORD": Users.bobPassword])
        defer { bob.kill() }
        try await bob.waitForEvent("registration", fields: ["state": "registered"])

        try await kamailio.aliceCallsBob()
        try await bob.waitForEvent("call_state", fields: ["state": "connected"])
        #expect(try await bob.waitForExit(timeout: .seconds(15)) == DialtoneExit.ok, "\(bob.transcript)")
        bob.expectNothingLeaks([Users.bobPassword])
    }
}

extension KamailioProcess.Algorithm: CustomTestStringConvertible {
    public var testDescription: String { rawValue }
}
