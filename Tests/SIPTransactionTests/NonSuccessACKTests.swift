import SIPCore
import SIPTransaction
import Testing

/// The ACK the client INVITE transaction builds for a non-2xx final (RFC 3261 §17.1.1.3).
@Suite struct NonSuccessACKTests {
    @Test func headersOfTheACK() {
        let invite = Messages.invite
        let busy = Messages.response(486, to: invite, toTag: "314159busy")
        let ack = SIPMessage.ack(forNonSuccess: busy, to: invite)
        #expect(ack.method == .ack)
        #expect(ack.requestURIText == "sip:bob@biloxi.example.com")
        #expect(ack.values(.via) == ["SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds"])
        #expect(ack.topVia?.branch == invite.topVia?.branch)
        #expect(ack.callID == "a84b4c76e66710@pc33.atlanta.example.com")
        #expect(ack.value(.from) == "Alice <sip:alice@atlanta.example.com>;tag=1928301774")
        #expect(ack.value(.to) == "Bob <sip:bob@biloxi.example.com>;tag=314159busy")
        #expect(ack.cseq == SIPCSeq(314159, .ack))
        #expect(ack.values(.route) == ["<sip:ss1.atlanta.example.com;lr>", "<sip:ss2.biloxi.example.com;lr>"])
        #expect(ack.maxForwards == 70)
        #expect(ack.count(of: .contact) == 0)
        #expect(ack.body.isEmpty)
        #expect(ack.text.hasSuffix("Content-Length: 0\r\n\r\n"))
        #expect(ack.validate() == nil)
    }

    /// RFC 3665 §3.6 F1 → F2 (302) → F3: the ACK comes out byte for byte as the RFC wrote it.
    @Test func rfc3665RedirectACKIsByteIdentical() throws {
        let folder = "rfc3665/3.6-redirect-302-and-proxy-sdp-in-ack"
        let invite = try Fixtures.message("\(folder)/F01-INVITE-Alice-Redirect-Server.sip")
        let moved = try Fixtures.message("\(folder)/F02-302-Moved-Temporarily-Redirect-Proxy-Alice.sip")
        let expected = try Fixtures.bytes("\(folder)/F03-ACK-Alice-Redirect-Server.sip")
        let ack = SIPMessage.ack(forNonSuccess: moved, to: invite)
        #expect(ack.text == String(decoding: expected, as: UTF8.self))
    }

    /// RFC 3665 §3.2 and §3.3: the same ACKs for a 407 — plus the INVITE's Route, which
    /// §17.1.1.3 requires ("MUST contain the Route header fields of the INVITE") and the
    /// RFC 3665 flows leave out.
    @Test(arguments: [
        ("rfc3665/3.2-session-through-two-proxies", "F01-INVITE-Alice-Proxy-1.sip", "F02-407-Proxy-Authorization-Required-Proxy-1-Alice.sip", "F03-ACK-Alice-Proxy-1.sip"),
        ("rfc3665/3.3-multiple-proxy-authentication", "F01-INVITE-Alice-Proxy-1.sip", "F02-407-Proxy-Authorization-Required-Proxy-1-Alice.sip", "F03-ACK-Alice-Proxy-1.sip"),
    ])
    func rfc3665ProxyAuthenticationACK(folder: String, inviteFile: String, challengeFile: String, ackFile: String) throws {
        let invite = try Fixtures.message("\(folder)/\(inviteFile)")
        let challenge = try Fixtures.message("\(folder)/\(challengeFile)")
        let expected = try Fixtures.message("\(folder)/\(ackFile)")
        let ack = SIPMessage.ack(forNonSuccess: challenge, to: invite)
        #expect(ack.startLine == expected.startLine)
        for kind: SIPHeaderName in [.via, .maxForwards, .from, .to, .callID, .cseq, .contentLength] {
            #expect(ack.values(kind) == expected.values(kind), "\(kind.canonicalName)")
        }
        #expect(ack.values(.route) == ["<sip:ss1.atlanta.example.com;lr>"])
        #expect(expected.values(.route).isEmpty)
    }

    @Test func onlyTheTopViaWhenTheFirstLineListsSeveral() {
        let invite = message("""
            INVITE sip:carol@chicago.example.com SIP/2.0
            v: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKtop ,SIP/2.0/UDP 192.0.2.9;branch=z9hG4bKlower
            Via: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bKlowest
            f: <sip:alice@atlanta.example.com>;tag=a
            t: <sip:carol@chicago.example.com>
            i: compact-ack
            CSeq: 2 INVITE
            l: 0


            """)
        let ack = SIPMessage.ack(forNonSuccess: Messages.response(404, to: invite, toTag: "c"), to: invite)
        #expect(ack.vias.count == 1)
        #expect(ack.topVia?.branch == "z9hG4bKtop")
        #expect(ack.topVia?.sentBy == "pc33.atlanta.example.com")
        #expect(ack.value(.to) == "<sip:carol@chicago.example.com>;tag=c")
        #expect(ack.value(.from) == "<sip:alice@atlanta.example.com>;tag=a")
        #expect(ack.callID == "compact-ack")
        #expect(ack.cseq == SIPCSeq(2, .ack))
    }
}
