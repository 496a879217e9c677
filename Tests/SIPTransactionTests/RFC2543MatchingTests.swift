import SIPCore
import SIPTransaction
import Testing

/// Requests without an RFC 3261 branch (§17.2.3's fallback): matched by Request-URI, To
/// tag, From tag, Call-ID, CSeq and top Via; the ACK by the To tag of the final response.
@Suite struct RFC2543MatchingTests {
    @Test func inv2543IsMatchedByItsFields() throws {
        var layer = SIPTransactionLayer()
        let invite = try Fixtures.message("rfc4475/inv2543.dat")
        let key = try SIPTransactionKey.server(for: invite)
        let identity = try #require(key.rfc2543)
        #expect(key.branch == "")
        #expect(key.sentBy == "iftgw.example.com")
        #expect(identity.requestURI == "sip:UserB@example.com")
        #expect(identity.callID == "inv2543.1717@ift.client.example.com")
        #expect(identity.cseqNumber == 56)
        #expect(identity.fromTag == nil)
        #expect(identity.toTag == nil)
        #expect(key.description == "server INVITE (RFC 2543) Call-ID inv2543.1717@ift.client.example.com CSeq 56 via iftgw.example.com")

        let trying = SIPMessage.tryingResponse(to: invite)
        #expect(try layer.receive(invite, reliability: .unreliable, now: at(0)) == [.send(trying, for: key), .tell(.request(invite), for: key)])
        // The same octets again: a retransmission.
        #expect(try layer.receive(Messages.retransmission(of: invite), reliability: .unreliable, now: at(500)) == [.send(trying, for: key)])
        #expect(layer.count == 1)

        // Another CSeq from the same sender: a new transaction.
        var next = invite
        next.set("CSeq", "57 INVITE")
        let nextOutputs = try layer.receive(next, reliability: .unreliable, now: at(600))
        #expect(nextOutputs.last == .tell(.request(next), for: try SIPTransactionKey.server(for: next)))
        #expect(layer.count == 2)

        // The final response adds a To tag; the ACK carries it and matches by it.
        let busy = Messages.response(486, to: invite, toTag: "ss1-486")
        _ = try layer.send(response: busy, on: key, now: at(1_000))
        let ack = Messages.retransmission(of: .ack(forNonSuccess: busy, to: invite))
        #expect(ack.topVia?.branch == nil)
        #expect(try layer.receive(ack, reliability: .unreliable, now: at(1_100)) == [
            .cancel(.g, for: key), .cancel(.h, for: key), .arm(.i, for: key, at: at(6_100)),
        ])
        #expect(layer.state(of: key) == .confirmed)

        // An ACK with another To tag, or for another CSeq, belongs to no transaction.
        var wrongTag = ack
        wrongTag.set("To", "sip:+16505552222@ss1.example.net;user=phone;tag=other")
        #expect(try layer.receive(wrongTag, reliability: .unreliable, now: at(1_200)) == [.stray(wrongTag)])
        var wrongCSeq = ack
        wrongCSeq.set("CSeq", "55 ACK")
        #expect(try layer.receive(wrongCSeq, reliability: .unreliable, now: at(1_200)) == [.stray(wrongCSeq)])
    }

    @Test func anACKMatchingAnAcceptedTransactionGoesToTheTU() throws {
        var layer = SIPTransactionLayer()
        let invite = try Fixtures.message("rfc4475/inv2543.dat")
        let key = try SIPTransactionKey.server(for: invite)
        _ = try layer.receive(invite, reliability: .unreliable, now: at(0))
        let ok = Messages.response(200, to: invite, toTag: "ss1-200")
        _ = try layer.send(response: ok, on: key, now: at(100))
        // An RFC 2543 ACK for the 2xx with the INVITE's Request-URI and Via matches the
        // Accepted transaction, which passes it up (RFC 6026 §7.1).
        let ack = Messages.retransmission(of: .ack(forNonSuccess: ok, to: invite))
        #expect(try layer.receive(ack, reliability: .unreliable, now: at(200)) == [.tell(.request(ack), for: key)])
        #expect(layer.state(of: key) == .accepted)
    }

    /// A branch without the magic cookie says nothing about uniqueness: two requests with
    /// the same such branch from the same sender are two transactions.
    @Test(arguments: ["1234abcd", "z9hG4bK"])
    func branchWithoutAUsableCookie(branch: String) throws {
        var layer = SIPTransactionLayer()
        func options(callID: String, cseq: Int) -> SIPMessage {
            message("""
                OPTIONS sip:carol@chicago.example.com SIP/2.0
                Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=\(branch)
                Max-Forwards: 70
                From: <sip:alice@atlanta.example.com>;tag=1928301774
                To: <sip:carol@chicago.example.com>
                Call-ID: \(callID)
                CSeq: \(cseq) OPTIONS
                Content-Length: 0


                """)
        }
        let first = options(callID: "first@pc33", cseq: 1)
        let second = options(callID: "second@pc33", cseq: 1)
        let firstKey = try SIPTransactionKey.server(for: first)
        let secondKey = try SIPTransactionKey.server(for: second)
        #expect(!SIPTransactionKey.isRFC3261Branch(branch))
        #expect(firstKey.rfc2543 != nil)
        #expect(firstKey.branch == branch)
        #expect(firstKey != secondKey)
        #expect(try layer.receive(first, reliability: .unreliable, now: at(0)) == [.tell(.request(first), for: firstKey)])
        #expect(try layer.receive(second, reliability: .unreliable, now: at(10)) == [.tell(.request(second), for: secondKey)])
        #expect(layer.count == 2)
        // A retransmission of the first still finds it.
        let ok = Messages.response(200, to: first, toTag: "c1")
        _ = try layer.send(response: ok, on: firstKey, now: at(20))
        #expect(try layer.receive(Messages.retransmission(of: first), reliability: .unreliable, now: at(30)) == [.send(ok, for: firstKey)])
        // With branch-only matching the second would have been taken for the first.
        #expect(layer.state(of: secondKey) == .trying)
    }

    @Test func aRealBranchIsMatchedByBranchAlone() throws {
        #expect(SIPTransactionKey.isRFC3261Branch("z9hG4bK1"))
        #expect(!SIPTransactionKey.isRFC3261Branch("Z9HG4BK1"))
        #expect(!SIPTransactionKey.isRFC3261Branch(nil))
        // With a real branch, a request differing in Call-ID is still the same transaction.
        let bye = Messages.bye
        var changed = bye
        changed.set("Call-ID", "something-else")
        #expect(try SIPTransactionKey.server(for: bye) == SIPTransactionKey.server(for: changed))
        #expect(try SIPTransactionKey.server(for: bye).rfc2543 == nil)
    }
}
