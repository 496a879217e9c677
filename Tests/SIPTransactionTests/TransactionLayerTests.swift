import SIPCore
import SIPTransaction
import Testing

/// The transaction layer's matching (RFC 3261 §17.1.3, §17.2.3, §9.2) with real messages.
@Suite struct TransactionLayerTests {
    // MARK: Client transactions, §17.1.3

    @Test func aCallFromThePerfCorpus() throws {
        var layer = SIPTransactionLayer()
        let invite = try Fixtures.message("perf/01-invite-sdp-offer-udp.sip")
        let (key, started) = try layer.send(request: invite, reliability: .unreliable, now: at(0))
        #expect(key == SIPTransactionKey(role: .client, method: .invite, branch: "z9hG4bK776asdhds", sentBy: "client.atlanta.example.com:5060"))
        #expect(key.description == "client INVITE z9hG4bK776asdhds via client.atlanta.example.com:5060")
        #expect(started == [.send(invite, for: key), .arm(.a, for: key, at: at(500)), .arm(.b, for: key, at: at(32_000))])
        #expect(layer.state(of: key) == .calling)

        let trying = try Fixtures.message("perf/03-100-trying.sip")
        #expect(try layer.receive(trying, reliability: .unreliable, now: at(100)) == [
            .cancel(.a, for: key), .cancel(.b, for: key), .tell(.response(trying), for: key),
        ])
        #expect(layer.state(of: key) == .proceeding)

        let ringing = try Fixtures.message("perf/04-180-ringing.sip")
        #expect(try layer.receive(ringing, reliability: .unreliable, now: at(200)) == [.tell(.response(ringing), for: key)])

        let ok = try Fixtures.message("perf/05-200-ok-sdp-answer.sip")
        #expect(try layer.receive(ok, reliability: .unreliable, now: at(3_000)) == [.arm(.m, for: key, at: at(35_000)), .tell(.response(ok), for: key)])
        #expect(layer.state(of: key) == .accepted)
        // A retransmitted 200 reaches the TU through the Accepted transaction.
        #expect(try layer.receive(ok, reliability: .unreliable, now: at(3_500)) == [.tell(.response(ok), for: key)])

        #expect(layer.timerFired(.m, for: key, now: at(35_000)) == [.tell(.terminated, for: key)])
        #expect(layer.state(of: key) == nil)
        #expect(layer.count == 0)
        // After Timer M the 200 matches nothing: a stray, for the user agent core to judge.
        #expect(try layer.receive(ok, reliability: .unreliable, now: at(36_000)) == [.stray(ok)])
        // Late timers for the gone transaction are ignored.
        #expect(layer.timerFired(.a, for: key, now: at(36_000)) == [])
        #expect(layer.transportError(for: key, now: at(36_000)) == [])
    }

    /// A CANCEL reuses the INVITE's branch (§9.1); the CSeq method keeps their responses apart.
    @Test func cancelAndInviteShareABranch() throws {
        var layer = SIPTransactionLayer()
        let invite = Self.inviteCancelledInPerf17
        let cancel = try Fixtures.message("perf/17-cancel.sip")
        let (inviteKey, _) = try layer.send(request: invite, reliability: .unreliable, now: at(0))
        _ = try layer.receive(Messages.response(180, to: invite, toTag: "8321234356"), reliability: .unreliable, now: at(100))
        let (cancelKey, cancelStarted) = try layer.send(request: cancel, reliability: .unreliable, now: at(1_000))
        #expect(cancelKey == SIPTransactionKey(role: .client, method: .cancel, branch: "z9hG4bK74bf9", sentBy: "client.atlanta.example.com:5060"))
        #expect(cancelKey != inviteKey)
        #expect(cancelStarted == [.send(cancel, for: cancelKey), .arm(.e, for: cancelKey, at: at(1_500)), .arm(.f, for: cancelKey, at: at(33_000))])

        let cancelled = try Fixtures.message("perf/18-200-ok-cancel.sip")
        #expect(try layer.receive(cancelled, reliability: .unreliable, now: at(1_100)) == [
            .cancel(.e, for: cancelKey), .cancel(.f, for: cancelKey), .arm(.k, for: cancelKey, at: at(6_100)), .tell(.response(cancelled), for: cancelKey),
        ])
        #expect(layer.state(of: inviteKey) == .proceeding)
        #expect(layer.state(of: cancelKey) == .completed)

        // The 487 goes to the INVITE transaction, which ACKs it: exactly perf/20.
        let terminated = try Fixtures.message("perf/19-487-request-terminated.sip")
        let expectedACK = try Fixtures.message("perf/20-ack-non-2xx.sip")
        let outputs = try layer.receive(terminated, reliability: .unreliable, now: at(1_200))
        #expect(outputs == [.send(expectedACK, for: inviteKey), .arm(.d, for: inviteKey, at: at(33_200)), .tell(.response(terminated), for: inviteKey)])
        #expect(layer.state(of: inviteKey) == .completed)
    }

    /// The INVITE that perf/17's CANCEL cancels (same Request-URI, Via, From, To, Call-ID, CSeq number).
    static let inviteCancelledInPerf17 = message("""
        INVITE sip:bob@biloxi.example.com SIP/2.0
        Via: SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK74bf9
        Max-Forwards: 70
        From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl
        To: Bob <sip:bob@biloxi.example.com>
        Call-ID: 2xTb9vxSit55XU7p8@atlanta.example.com
        CSeq: 1 INVITE
        Contact: <sip:alice@client.atlanta.example.com>
        Content-Length: 0


        """)

    @Test func responsesMatchOnBranchAndCSeqMethodOnly() throws {
        var layer = SIPTransactionLayer()
        let bye = Messages.bye
        let (key, _) = try layer.send(request: bye, reliability: .unreliable, now: at(0))
        // The right branch with another CSeq method matches nothing.
        var wrongMethod = Messages.response(200, to: bye, toTag: nil)
        wrongMethod.set("CSeq", "231 INFO")
        #expect(try layer.receive(wrongMethod, reliability: .unreliable, now: at(10)) == [.stray(wrongMethod)])
        // Another branch matches nothing.
        var wrongBranch = Messages.response(200, to: bye, toTag: nil)
        wrongBranch.set("Via", "SIP/2.0/UDP 192.0.2.4;branch=z9hG4bKnashds11")
        #expect(try layer.receive(wrongBranch, reliability: .unreliable, now: at(10)) == [.stray(wrongBranch)])
        // §17.1.3 does not compare sent-by: a response whose Via host was rewritten still matches.
        var rewritten = Messages.response(200, to: bye, toTag: nil)
        rewritten.set("Via", "SIP/2.0/UDP 192.0.2.44:5070;branch=z9hG4bKnashds10;received=192.0.2.4")
        #expect(try layer.receive(rewritten, reliability: .unreliable, now: at(20)) == [
            .cancel(.e, for: key), .cancel(.f, for: key), .arm(.k, for: key, at: at(5_020)), .tell(.response(rewritten), for: key),
        ])
    }

    @Test func sendRequestRefusesWhatCannotStartATransaction() throws {
        var layer = SIPTransactionLayer()
        func refusal(_ request: SIPMessage) -> SIPTransactionError.Kind? {
            do {
                _ = try layer.send(request: request, reliability: .unreliable, now: at(0))
                return nil
            } catch {
                return error.kind
            }
        }
        var noCookie = Messages.bye
        noCookie.set("Via", "SIP/2.0/UDP 192.0.2.4;branch=1234abcd")
        #expect(refusal(noCookie) == .cannotStart)
        var bareCookie = Messages.bye
        bareCookie.set("Via", "SIP/2.0/UDP 192.0.2.4;branch=z9hG4bK")
        #expect(refusal(bareCookie) == .cannotStart)
        var noVia = Messages.bye
        noVia.remove("Via")
        #expect(refusal(noVia) == .cannotStart)
        #expect(refusal(.ack(forNonSuccess: Messages.response(486, to: Messages.invite), to: Messages.invite)) == .cannotStart)
        #expect(refusal(Messages.response(200, to: Messages.bye)) == .cannotStart)
        var mismatched = Messages.bye
        mismatched.set("CSeq", "231 INFO")
        #expect(refusal(mismatched) == .cannotStart)
        #expect(refusal(Messages.bye) == nil)
        #expect(refusal(Messages.bye) == .duplicate)
        #expect(layer.count == 1)
    }

    @Test func transportErrorEndsTheTransaction() throws {
        var layer = SIPTransactionLayer()
        let (key, _) = try layer.send(request: Messages.invite, reliability: .reliable, now: at(0))
        #expect(layer.transportError(for: key, now: at(5)) == [.cancel(.b, for: key), .tell(.transportError, for: key), .tell(.terminated, for: key)])
        #expect(layer.count == 0)
        // The branch is free again.
        #expect(throws: Never.self) { try layer.send(request: Messages.invite, reliability: .reliable, now: at(10)) }
    }

    // MARK: Server transactions, §17.2.3

    @Test func serverInviteAbsorbsRetransmissionsAndTheACKConfirmsIt() throws {
        var layer = SIPTransactionLayer()
        let invite = try Fixtures.message("perf/01-invite-sdp-offer-udp.sip")
        let key = try SIPTransactionKey.server(for: invite)
        #expect(key.description == "server INVITE z9hG4bK776asdhds via client.atlanta.example.com:5060")
        let trying = SIPMessage.tryingResponse(to: invite)
        #expect(try layer.receive(invite, reliability: .unreliable, now: at(0)) == [.send(trying, for: key), .tell(.request(invite), for: key)])
        #expect(layer.state(of: key) == .proceeding)
        #expect(try layer.receive(invite, reliability: .unreliable, now: at(500)) == [.send(trying, for: key)])

        let busy = Messages.response(486, to: invite)
        #expect(try layer.send(response: busy, on: key, now: at(1_000)) == [
            .send(busy, for: key), .arm(.g, for: key, at: at(1_500)), .arm(.h, for: key, at: at(33_000)),
        ])
        #expect(try layer.receive(invite, reliability: .unreliable, now: at(1_200)) == [.send(busy, for: key)])
        let ack = Messages.retransmission(of: .ack(forNonSuccess: busy, to: invite))
        #expect(try layer.receive(ack, reliability: .unreliable, now: at(1_300)) == [
            .cancel(.g, for: key), .cancel(.h, for: key), .arm(.i, for: key, at: at(6_300)),
        ])
        #expect(layer.state(of: key) == .confirmed)
        #expect(layer.timerFired(.i, for: key, now: at(6_300)) == [.tell(.terminated, for: key)])
        #expect(throws: SIPTransactionError.self) { try layer.send(response: busy, on: key, now: at(7_000)) }
    }

    @Test func theACKForA2xxIsAStray() throws {
        var layer = SIPTransactionLayer()
        let invite = try Fixtures.message("perf/01-invite-sdp-offer-udp.sip")
        let key = try SIPTransactionKey.server(for: invite)
        _ = try layer.receive(invite, reliability: .unreliable, now: at(0))
        let ok = try Fixtures.message("perf/05-200-ok-sdp-answer.sip")
        #expect(try layer.send(response: ok, on: key, now: at(100)) == [.send(ok, for: key), .arm(.l, for: key, at: at(32_100))])
        // The 2xx ACK has a branch of its own: it is the user agent's, not the transaction's.
        let ack = try Fixtures.message("perf/06-ack-2xx.sip")
        #expect(try layer.receive(ack, reliability: .unreliable, now: at(200)) == [.stray(ack)])
        // The INVITE retransmitted while Accepted is absorbed, not taken for a new call.
        #expect(try layer.receive(invite, reliability: .unreliable, now: at(300)) == [])
        #expect(layer.count == 1)
    }

    @Test func sentByAndMethodArePartOfTheServerKey() throws {
        var layer = SIPTransactionLayer()
        let bye = Messages.bye
        _ = try layer.receive(bye, reliability: .unreliable, now: at(0))
        // Same branch from another sender: another transaction.
        var fromElsewhere = bye
        fromElsewhere.set("Via", "SIP/2.0/UDP 192.0.2.5;branch=z9hG4bKnashds10")
        #expect(try layer.receive(fromElsewhere, reliability: .unreliable, now: at(10)) == [
            .tell(.request(fromElsewhere), for: try SIPTransactionKey.server(for: fromElsewhere)),
        ])
        // Same branch, sender and method: the same transaction (a retransmission, absorbed in Trying).
        #expect(try layer.receive(Messages.retransmission(of: bye), reliability: .unreliable, now: at(20)) == [])
        // Same branch and sender, another method: another transaction.
        var info = bye
        info.setStartLine(.request(method: "INFO", uri: bye.requestURIText!, version: "SIP/2.0"))
        info.set("CSeq", "232 INFO")
        #expect(try layer.receive(info, reliability: .unreliable, now: at(30)) == [
            .tell(.request(info), for: try SIPTransactionKey.server(for: info)),
        ])
        #expect(layer.count == 3)
    }

    @Test func hostNamesCompareCaseInsensitively() throws {
        let lower = message("""
            OPTIONS sip:carol@chicago.example.com SIP/2.0
            Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKcase
            From: <sip:alice@atlanta.example.com>;tag=1
            To: <sip:carol@chicago.example.com>
            Call-ID: case@pc33
            CSeq: 1 OPTIONS
            Content-Length: 0


            """)
        var upper = lower
        upper.set("Via", "SIP/2.0/UDP PC33.Atlanta.Example.COM;branch=z9hG4bKcase")
        #expect(try SIPTransactionKey.server(for: lower) == SIPTransactionKey.server(for: upper))
    }

    /// A CANCEL is a server transaction of its own (§17.2.3) that names the INVITE
    /// transaction it cancels (§9.2); the 487's ACK then confirms the INVITE's.
    @Test func cancelMatching() throws {
        var layer = SIPTransactionLayer()
        let invite = Self.inviteCancelledInPerf17
        let inviteKey = try SIPTransactionKey.server(for: invite)
        _ = try layer.receive(invite, reliability: .unreliable, now: at(0))
        _ = try layer.send(response: Messages.response(180, to: invite, toTag: "8321234356"), on: inviteKey, now: at(50))

        let cancel = try Fixtures.message("perf/17-cancel.sip")
        let cancelKey = try SIPTransactionKey.server(for: cancel)
        #expect(cancelKey.method == .cancel)
        #expect(cancelKey != inviteKey)
        #expect(try layer.receive(cancel, reliability: .unreliable, now: at(1_000)) == [.tell(.request(cancel), for: cancelKey)])
        #expect(layer.inviteTransaction(cancelledBy: cancel) == inviteKey)
        #expect(layer.inviteTransaction(cancelledBy: invite) == nil)

        let cancelled = try Fixtures.message("perf/18-200-ok-cancel.sip")
        #expect(try layer.send(response: cancelled, on: cancelKey, now: at(1_010)) == [.send(cancelled, for: cancelKey), .arm(.j, for: cancelKey, at: at(33_010))])
        let terminated = try Fixtures.message("perf/19-487-request-terminated.sip")
        _ = try layer.send(response: terminated, on: inviteKey, now: at(1_020))
        // The retransmitted CANCEL gets its 200 again; the INVITE transaction is untouched.
        #expect(try layer.receive(cancel, reliability: .unreliable, now: at(1_100)) == [.send(cancelled, for: cancelKey)])

        let ack = try Fixtures.message("perf/20-ack-non-2xx.sip")
        #expect(try layer.receive(ack, reliability: .unreliable, now: at(1_200)) == [
            .cancel(.g, for: inviteKey), .cancel(.h, for: inviteKey), .arm(.i, for: inviteKey, at: at(6_200)),
        ])
        #expect(layer.state(of: inviteKey) == .confirmed)
        #expect(layer.state(of: cancelKey) == .completed)
        // A CANCEL for an INVITE that is not there matches nothing.
        var elsewhere = cancel
        elsewhere.set("Via", "SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bKother")
        #expect(layer.inviteTransaction(cancelledBy: elsewhere) == nil)
    }

    @Test func unmatchableMessagesAreRefused() throws {
        var layer = SIPTransactionLayer()
        var noVia = Messages.bye
        noVia.remove("Via")
        #expect(throws: SIPTransactionError.self) { try layer.receive(noVia, reliability: .unreliable, now: at(0)) }
        var responseWithoutCSeq = Messages.response(200, to: Messages.bye)
        responseWithoutCSeq.remove("CSeq")
        #expect(throws: SIPTransactionError.self) { try layer.receive(responseWithoutCSeq, reliability: .unreliable, now: at(0)) }
        var legacyWithoutCallID = Messages.bye
        legacyWithoutCallID.set("Via", "SIP/2.0/UDP 192.0.2.4")
        legacyWithoutCallID.remove("Call-ID")
        #expect(throws: SIPTransactionError.self) { try layer.receive(legacyWithoutCallID, reliability: .unreliable, now: at(0)) }
        #expect(layer.count == 0)
    }

    @Test func sendResponseOnAClientKeyIsRefused() throws {
        var layer = SIPTransactionLayer()
        let (key, _) = try layer.send(request: Messages.bye, reliability: .unreliable, now: at(0))
        do {
            _ = try layer.send(response: Messages.response(200, to: Messages.bye), on: key, now: at(1))
            Issue.record("a response was sent on a client transaction")
        } catch {
            #expect(error.kind == .noSuchTransaction)
        }
    }

    @Test func reliabilityOfTheArrivalGovernsTheServerTransaction() throws {
        var layer = SIPTransactionLayer()
        let invite = try Fixtures.message("rfc3665/3.2-session-through-two-proxies/F01-INVITE-Alice-Proxy-1.sip")
        let key = try SIPTransactionKey.server(for: invite)
        _ = try layer.receive(invite, reliability: SIPTransportReliability(viaTransport: invite.topVia!.transport), now: at(0))
        let challenge = try Fixtures.message("rfc3665/3.2-session-through-two-proxies/F02-407-Proxy-Authorization-Required-Proxy-1-Alice.sip")
        // TCP: no Timer G.
        #expect(try layer.send(response: challenge, on: key, now: at(10)) == [.send(challenge, for: key), .arm(.h, for: key, at: at(32_010))])
        let ack = try Fixtures.message("rfc3665/3.2-session-through-two-proxies/F03-ACK-Alice-Proxy-1.sip")
        #expect(try layer.receive(ack, reliability: .reliable, now: at(20)) == [.cancel(.h, for: key), .arm(.i, for: key, at: at(20))])
        #expect(layer.timerFired(.i, for: key, now: at(20)) == [.tell(.terminated, for: key)])
        #expect(layer.count == 0)
    }
}
