import Foundation
import SIPTestSupport
import Testing

/// The peers of the "done when" tests, checked now, with sipp playing our client's part
/// (Scenarios/clients/*.xml, Kamailio/sipp/*.xml): so that when a Dialtone test fails, the
/// peer is known to be right. Scenarios/validate.sh runs every scenario this way; these
/// are the ones that also prove the trace checks the Swift tests rely on.
@Suite("The test peers, validated with sipp as the client", .serialized, .timeLimit(.minutes(3)),
       .enabled(if: Peers.sippInstalled, "sipp is not installed (Debian package sip-tester)"))
struct PeerValidationTests {
    static func client(_ name: String) -> String { Peers.scenario("clients/\(name)") }

    /// A 302 to a second UAS, played as two client hops with one Call-ID and From tag.
    @Test func redirectToASecondUAS() async throws {
        let answer = try await Peers.uas("uas-answer.xml", keys: ["expect_cseq": "2"])
        defer { answer.stop() }
        let redirect = try await Peers.uas("uas-302.xml", keys: ["contact": "<sip:bob@\(answer.hostPort)>"])
        defer { redirect.stop() }
        let callID = ["-cid_str", "validate-302-%u@127.0.0.1"]
        let hop1 = try await Peers.uac(Self.client("uac-invite-302.xml"), remote: redirect.hostPort,
                                       keys: ["invite_cseq": "1", "tag": "v1"], arguments: ["-s", "bob"] + callID)
        defer { hop1.stop() }
        await expectPassed(hop1, "hop 1")
        let hop2 = try await Peers.uac(Self.client("uac-call.xml"), remote: answer.hostPort,
                                       keys: ["invite_cseq": "2", "tag": "v1"], arguments: ["-s", "bob"] + callID)
        defer { hop2.stop() }
        await expectPassed(hop2, "hop 2")
        await expectPassed(redirect, "uas-302")
        await expectPassed(answer, "uas-answer")

        let first = try #require(redirect.messages.received.requests("INVITE").first, "\(redirect.report)")
        let second = try #require(answer.messages.received.requests("INVITE").first, "\(answer.report)")
        #expect(redirect.messages.sent.responses(302).first?.header("Contact") == "<sip:bob@\(answer.hostPort)>")
        #expect(second.callID == first.callID && second.callID?.hasPrefix("validate-302-") == true)
        #expect(second.fromTag == "v1" && first.fromTag == "v1")
        #expect(second.cseq?.number == 2 && first.cseq?.number == 1)
        #expect(second.branch != first.branch)
        #expect(redirect.messages.received.requests("ACK").first?.branch == first.branch)
    }

    /// The uas-answer check of the CSeq works: a redirected INVITE with CSeq 1 again fails it.
    @Test func theAnsweringUASRefusesTheWrongCSeq() async throws {
        let answer = try await Peers.uas("uas-answer.xml", keys: ["expect_cseq": "2"], timeout: .seconds(5))
        defer { answer.stop() }
        let hop = try await Peers.uac(Self.client("uac-call.xml"), remote: answer.hostPort,
                                      keys: ["invite_cseq": "1", "tag": "v2"], arguments: ["-s", "bob"], timeout: .seconds(3))
        defer { hop.stop() }
        #expect(await answer.waitForExit(timeout: .seconds(10)) == 1)
        #expect(answer.checkFailures.contains { $0.contains("the INVITE's CSeq is 1, expected 2") }, "\(answer.report)")
    }

    /// 401 and 407: sipp's own [authentication] answer passes the scenario, and the
    /// independent digest check of the trace agrees with it (and refuses a wrong password).
    @Test(arguments: [401, 407]) func challengeAnsweredBySipp(code: Int) async throws {
        let password = Users.alicePassword
        let uas = try await Peers.uas("uas-auth-\(code).xml", keys: ["realm": Users.domain, "user": "alice", "password": password])
        defer { uas.stop() }
        let client = try await Peers.uac(Self.client("uac-auth-\(code).xml"), remote: uas.hostPort,
                                         keys: ["tag": "v4"], arguments: ["-s", "bob", "-au", "alice", "-ap", password])
        defer { client.stop() }
        await expectPassed(client, "the client")
        await expectPassed(uas, "uas-auth-\(code)")
        let header = code == 401 ? "Authorization" : "Proxy-Authorization"
        let answered = try #require(uas.messages.received.requests("INVITE").last, "\(uas.report)")
        #expect(answered.digestResponseMatches(password: password, header: header), "\(answered.text)")
        #expect(!answered.digestResponseMatches(password: password + "x", header: header))
    }

    /// kamailio (MD5): bob (sipp) registers after a 401; alice (sipp) calls him through the
    /// proxy after a 407; the call is record-routed and ends with BYE along the route.
    @Test(.enabled(if: Peers.kamailioInstalled, "kamailio, kamailio-sqlite-modules and sqlite3 are needed"))
    func kamailioRegistersAndProxiesWithMD5() async throws {
        let kamailio = try await Peers.kamailio(algorithm: .md5)
        defer { kamailio.stop() }
        let bob = try await Peers.uas("uas-answer.xml", keys: ["expect_cseq": "any"])
        defer { bob.stop() }
        let registration = try await Peers.uac(Peers.kamailioScenario("register.xml"), remote: kamailio.hostPort,
                                               keys: ["sip_domain": Users.domain, "contact_port": String(bob.port), "expires": "120"],
                                               arguments: ["-s", "bob", "-au", "bob", "-ap", Users.bobPassword])
        defer { registration.stop() }
        await expectPassed(registration, "bob's REGISTER\n\(kamailio.report)")
        #expect(registration.messages.received.responses(401).count == 1)

        let alice = try await Peers.uac(Peers.kamailioScenario("call.xml"), remote: kamailio.hostPort,
                                        keys: ["sip_domain": Users.domain],
                                        arguments: ["-s", "bob", "-au", "alice", "-ap", Users.alicePassword])
        defer { alice.stop() }
        await expectPassed(alice, "alice's call\n\(kamailio.report)")
        await expectPassed(bob, "bob")
        #expect(alice.messages.received.responses(407).count == 1)
        let invite = try #require(bob.messages.received.requests("INVITE").first, "\(bob.report)")
        #expect(invite.requestURI == "sip:bob@127.0.0.1:\(bob.port)", "routed to bob's registered contact")
        #expect(invite.values("Record-Route").contains { $0.contains(kamailio.hostPort) })
        #expect(bob.messages.received.requests("BYE").count == 1)
    }

    /// kamailio WITH_SHA256: a REGISTER is challenged with algorithm=SHA-256, and an answer
    /// computed with SHA-256 (RFC 7616) registers. sipp's [authentication] does MD5 only, so
    /// this one is a REGISTER built here.
    @Test(.enabled(if: Peers.kamailioInstalled, "kamailio, kamailio-sqlite-modules and sqlite3 are needed"))
    func kamailioChallengesWithSHA256() async throws {
        let kamailio = try await Peers.kamailio(algorithm: .sha256)
        defer { kamailio.stop() }
        func register(cseq: Int, authorization: String?) throws -> SIPTraceMessage {
            var text = "REGISTER sip:\(Users.domain) SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-sha-\(cseq)-\(UUID().uuidString);rport\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:alice@\(Users.domain)>;tag=sha\r\nTo: <sip:alice@\(Users.domain)>\r\n"
                + "Call-ID: sha256-\(kamailio.port)\r\nCSeq: \(cseq) REGISTER\r\nContact: <sip:alice@127.0.0.1:9>\r\nExpires: 60\r\n"
            if let authorization { text += "Authorization: \(authorization)\r\n" }
            text += "Content-Length: 0\r\n\r\n"
            let answer = try #require(udpExchange(text, port: kamailio.port, timeout: .seconds(2)), "\(kamailio.report)")
            return SIPTraceMessage(direction: .received, text: answer)
        }
        let challenge = try register(cseq: 1, authorization: nil)
        #expect(challenge.statusCode == 401)
        let header = try #require(challenge.header("WWW-Authenticate"))
        #expect(SIPTraceMessage.authParameter("algorithm", in: header) == "SHA-256", "\(header)")
        #expect(SIPTraceMessage.authParameter("realm", in: header) == Users.domain)
        let nonce = try #require(SIPTraceMessage.authParameter("nonce", in: header))

        let sha256 = try #require(executable("sha256sum"))
        func hash(_ text: String) throws -> String { String(try run(sha256, ["-"], input: text).output.prefix(64)) }
        let uri = "sip:\(Users.domain)"
        // nc 1 for the wrong answer, 2 for the right one: kamailio counts nc per nonce.
        func authorization(password: String, nc: String = "00000002") throws -> String {
            let response = try hash("\(try hash("alice:\(Users.domain):\(password)")):\(nonce):\(nc):c0ffee:auth:\(try hash("REGISTER:\(uri)"))")
            return "Digest username=\"alice\", realm=\"\(Users.domain)\", nonce=\"\(nonce)\", uri=\"\(uri)\", "
                + "response=\"\(response)\", algorithm=SHA-256, cnonce=\"c0ffee\", qop=auth, nc=\(nc)"
        }
        let wrong = try register(cseq: 2, authorization: try authorization(password: "not-it", nc: "00000001"))
        #expect(wrong.statusCode == 401)
        let right = try register(cseq: 3, authorization: try authorization(password: Users.alicePassword))
        #expect(right.statusCode == 200, "\(right.text)\n\(kamailio.report)")
        #expect(right.header("Contact")?.contains("expires=60") == true)
        // The request the test built checks out with the support library's digest check too.
        let request = SIPTraceMessage(direction: .sent, text: "REGISTER \(uri) SIP/2.0\r\nAuthorization: \(try authorization(password: Users.alicePassword))\r\n\r\n")
        #expect(request.digestResponseMatches(password: Users.alicePassword))
    }
}
