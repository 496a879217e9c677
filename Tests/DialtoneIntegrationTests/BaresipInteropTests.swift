import Foundation
import SIPTestSupport
import Testing

/// baresip (Debian baresip-core), a softphone VoIP engineers already trust, on the other
/// end: Dialtone calls it and it calls Dialtone, directly and registered through kamailio
/// with digest authentication. baresip runs headless (G.711, a file of silence as its
/// audio source); it answers by itself (`answermode=auto`) and dials with `-e /dial`.
@Suite("baresip on the other end", .serialized, .timeLimit(.minutes(3)),
       .enabled(if: BaresipProcess.path != nil, "baresip is needed (make deps-test installs baresip-core)"))
struct BaresipInteropTests {
    /// Dialtone → baresip: INVITE with our SDP, baresip answers (it accepts our offer:
    /// PCMU), ACK, and our BYE after a second ends it on both sides.
    @Test func dialtoneCallsBaresip() async throws {
        let bob = try await BaresipProcess(account: "<sip:bob@127.0.0.1>;regint=0;answermode=auto")
        defer { bob.stop() }
        let alice = try DialtoneProcess.call("sip:bob@\(bob.hostPort)", ["--duration", "1", "--json"])
        defer { alice.kill() }
        try await alice.waitForEvent("call_state", fields: ["state": "connected"], timeout: .seconds(15))
        #expect(try await alice.waitForExit(timeout: .seconds(15)) == DialtoneExit.ok, "\(alice.transcript)")
        #expect(await bob.waitFor("Call established"), "baresip did not establish the call\n\(bob.report)")
        #expect(await bob.waitFor("terminated"), "baresip did not see our BYE\n\(bob.report)")
        #expect(bob.log.contains("Set audio encoder: PCMU") || bob.log.contains("Set audio encoder: PCMA"),
                "baresip did not take a G.711 codec from our offer\n\(bob.report)")
    }

    /// baresip → Dialtone (`answer --no-tui`): ringing, answered with our SDP, baresip's
    /// ACK, and our BYE after a second.
    @Test func baresipCallsDialtone() async throws {
        let port = try await freePort()
        let alice = try DialtoneProcess(["answer", "--no-tui", "--json", "--bind", "127.0.0.1:\(port)", "--duration", "1"])
        defer { alice.kill() }
        #expect(await waitUntil(timeout: .seconds(10)) { isListening(port: port, transport: .udp) }, "\(alice.transcript)")
        let bob = try await BaresipProcess(account: "<sip:bob@127.0.0.1>;regint=0",
                                           commands: ["/dial sip:alice@127.0.0.1:\(port)"])
        defer { bob.stop() }
        try await alice.waitForEvent("call_state", fields: ["state": "connected"], timeout: .seconds(15))
        #expect(try await alice.waitForExit(timeout: .seconds(15)) == DialtoneExit.ok, "\(alice.transcript)\n\(bob.report)")
        #expect(await bob.waitFor("Call established"), "baresip did not establish the call\n\(bob.report)")
        #expect(await bob.waitFor("terminated"), "baresip did not see our BYE\n\(bob.report)")
        // Answered at once, the 180 and the 200 leave back to back: each log line has the
        // state the transaction sent it in.
        let sent = alice.jsonLines.filter { $0.event == "log" && $0["direction"] == "sent" && $0["cseq"]?.hasSuffix(" INVITE") == true }
        #expect(sent.first { $0["code"] == "180" }?["state"] == "Proceeding", "\(sent)")
        #expect(sent.first { $0["code"] == "200" }?["state"] == "Accepted", "\(sent)")
    }

    /// Both registered with kamailio (MD5 digest): baresip as bob, then Dialtone as alice
    /// calls sip:bob@dialtone.test through the proxy, the 407 answered from the cache.
    @Test(.enabled(if: Peers.kamailioInstalled, "kamailio, kamailio-sqlite-modules and sqlite3 are needed"))
    func throughKamailioWithDigest() async throws {
        let kamailio = try await Peers.kamailio(algorithm: .md5)
        defer { kamailio.stop() }
        let bob = try await BaresipProcess(account: "<sip:bob@\(Users.domain)>;auth_pass=\(Users.bobPassword)"
                                           + ";outbound=\"sip:\(kamailio.hostPort)\";regint=60;answermode=auto")
        defer { bob.stop() }
        let registered = await waitUntil(timeout: .seconds(10)) {
            kamailio.log.contains("REGISTER sip:bob@\(Users.domain): saved")
        }
        #expect(registered, "baresip did not register\n\(bob.report)\n\(kamailio.report)")

        try await kamailio.aliceCallsBob()
        #expect(await bob.waitFor("Call established"), "baresip did not establish the call\n\(bob.report)")
        #expect(await bob.waitFor("terminated"), "baresip did not see the BYE\n\(bob.report)")
    }
}
