import DialtoneDemo
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Foundation
import SIPCore
import SIPNIO
import SIPTestSupport
import SIPTransaction
import Testing

/// The demo peer over real sockets on 127.0.0.1, called by a second SIPEndpoint: each
/// number's final response, the redirect's Contact, the digest check, the dialog.
@Suite("The demo peer", .serialized, .timeLimit(.minutes(2)))
struct DemoPeerTests {
    @Test func theNumbersAreListed() {
        #expect(DemoPeer.numbers.map(\.user) == ["100", "302", "401", "303", "301", "486"])
        #expect(DemoPeer.numbers.allSatisfy { !$0.description.isEmpty })
        #expect(DemoPeer.realm == "dialtone-demo" && DemoPeer.username == "demo" && DemoPeer.password == "demo")
    }

    // MARK: 100: the answering number, and a whole dialog

    @Test(arguments: [SIPTransport.udp, .tcp])
    func theAnsweringNumberConnectsAndEnds(over transport: SIPTransport) async throws {
        let peer = try await startPeer()
        let caller = try await DemoCaller.make(peer: peer, transport: transport)
        defer { Task { await caller.shutdown(); await peer.shutdown() } }
        let uri = peer.uri(for: DemoPeer.answering, transport: transport)
        let callID = newCallID("answer")
        let invite = makeRequest(.invite, uri: uri, callID: callID, cseq: 1, body: sdpOffer(formats: [8, 0, 101]))
        let (ok, events) = try await caller.finalResponse(to: invite)
        #expect(ok.statusCode == 200)
        #expect(events.provisionalCodes == [100, 180], "\(events.descriptions)")
        let expectedContact = "sip:100@127.0.0.1:\(peer.port)" + (transport == .tcp ? ";transport=tcp" : "")
        #expect(ok.contacts.first?.address?.uri.description == expectedContact)
        #expect(ok.value("Content-Type") == "application/sdp")
        let answer = String(decoding: ok.body, as: UTF8.self)
        // PCMU is preferred over PCMA even when offered second; telephone-event is kept.
        #expect(answer.hasPrefix("v=0\r\n") && answer.contains("m=audio \(peer.mediaPort) RTP/AVP 0 101\r\n"), "\(answer)")
        #expect(answer.contains("a=rtpmap:0 PCMU/8000\r\n") && answer.contains("c=IN IP4 127.0.0.1\r\n"))
        let toTag = try #require(ok.to?.tag)

        let ack = makeACK(for: invite, response: ok)
        _ = try await caller.endpoint.send(ack, to: .target(caller.target))

        let dialogTo = ok.value(.to) ?? ""
        let (options, _) = try await caller.finalResponse(to: makeRequest(.options, uri: expectedContact, callID: callID, cseq: 2, to: dialogTo))
        #expect(options.statusCode == 200 && options.to?.tag == toTag)

        let reinvite = makeRequest(.invite, uri: expectedContact, callID: callID, cseq: 3, to: dialogTo, body: sdpOffer(port: 49172, formats: [8]))
        let (reOK, _) = try await caller.finalResponse(to: reinvite)
        #expect(reOK.statusCode == 200)
        #expect(String(decoding: reOK.body, as: UTF8.self).contains("a=rtpmap:8 PCMA/8000"))
        _ = try await caller.endpoint.send(makeACK(for: reinvite, response: reOK), to: .target(caller.target))

        let (byeOK, _) = try await caller.finalResponse(to: makeRequest(.bye, uri: expectedContact, callID: callID, cseq: 4, to: dialogTo))
        #expect(byeOK.statusCode == 200)
        // The dialog is gone: a second BYE has none to end.
        let (again, _) = try await caller.finalResponse(to: makeRequest(.bye, uri: expectedContact, callID: callID, cseq: 5, to: dialogTo))
        #expect(again.statusCode == 481)
    }

    @Test func the2xxIsRetransmittedUntilTheACK() async throws {
        let peer = try await startPeer(ring: .zero, t1: .milliseconds(40))
        let caller = try await DemoCaller.make(peer: peer)
        defer { Task { await caller.shutdown(); await peer.shutdown() } }
        let invite = makeRequest(.invite, uri: peer.uri(for: DemoPeer.answering), callID: newCallID("retransmit"), cseq: 1, body: sdpOffer())
        let (ok, events) = try await caller.finalResponse(to: invite)
        // T1 = 40 ms: again at 40, 120, 280 ms… Each comes up as another final (RFC 6026 Accepted).
        try await Task.sleep(for: .milliseconds(600))
        let before = events.finals.count
        #expect(before >= 3, "the 2xx was not retransmitted: \(before)\n\(caller.log.text)")
        _ = try await caller.endpoint.send(makeACK(for: invite, response: ok), to: .target(caller.target))
        try await Task.sleep(for: .milliseconds(100))
        let atACK = events.finals.count
        try await Task.sleep(for: .milliseconds(500))
        #expect(events.finals.count == atACK, "retransmitted after the ACK\n\(caller.log.text)")
    }

    @Test func withoutAnACKThePeerHangsUp() async throws {
        let peer = try await startPeer(ring: .zero, t1: .milliseconds(20))
        let byes = EventRecorder()
        let caller = try await DemoCaller.make(peer: peer, handlers: SIPEndpoint.Handlers(onRequest: { transaction in
            if transaction.request.method == .bye { byes.record(.final(transaction.request)) }
            transaction.respond(status: 200)
        }))
        defer { Task { await caller.shutdown(); await peer.shutdown() } }
        let callID = newCallID("no-ack")
        let invite = makeRequest(.invite, uri: peer.uri(for: DemoPeer.answering), callID: callID, cseq: 1,
                                 contact: "<sip:caller@\(caller.udpAddress)>", body: sdpOffer())
        let (ok, _) = try await caller.finalResponse(to: invite)
        // No ACK: after 64·T1 = 1.28 s the peer ends the session with a BYE (§13.3.1.4).
        let bye = try #require(try await byes.final(within: .seconds(6)), "no BYE\n\(caller.log.text)")
        #expect(bye.requestURIText == "sip:caller@\(caller.udpAddress)")
        #expect(bye.callID == callID && bye.cseq?.method == .bye)
        #expect(bye.from?.tag == ok.to?.tag && bye.to?.tag == "caller-1")
        #expect(bye.value("Reason")?.contains("cause=408") == true)
    }

    @Test func anOfferWithoutPCMUOrPCMAIsRefused() async throws {
        let peer = try await startPeer()
        let caller = try await DemoCaller.make(peer: peer)
        defer { Task { await caller.shutdown(); await peer.shutdown() } }
        let (refused, _) = try await caller.finalResponse(to: makeRequest(
            .invite, uri: peer.uri(for: DemoPeer.answering), callID: newCallID("g722"), cseq: 1, body: sdpOffer(formats: [9])))
        #expect(refused.statusCode == 488)
    }

    /// The media port echoes what it receives back to the sender half a second later.
    @Test func theMediaPortEchoesAfterHalfASecond() async throws {
        let peer = try await startPeer()
        defer { Task { await peer.shutdown() } }
        let socket = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).flatMapThrowing { channel in
                try channel.pipeline.syncOperations.addHandler(EchoCatcher())
                return channel
            }.get()
        defer { socket.close(promise: nil) }
        let catcher = try await socket.pipeline.handler(type: EchoCatcher.self).get()
        let sent = ContinuousClock.now
        let target = try SocketAddress(ipAddress: "127.0.0.1", port: peer.mediaPort)
        try await socket.writeAndFlush(AddressedEnvelope(remoteAddress: target, data: ByteBuffer(string: "rtp?"))).get()
        let echoed = await waitUntil(timeout: .seconds(3)) { catcher.received.withLockedValue { !$0.isEmpty } }
        #expect(echoed)
        #expect(catcher.received.withLockedValue { $0 } == ["rtp?"])
        #expect(ContinuousClock.now - sent >= .milliseconds(450))
        #expect(peer.mediaPort % 2 == 0)
    }

    @Test func anInviteWithoutAnOfferGetsAnOffer() async throws {
        let peer = try await startPeer()
        let caller = try await DemoCaller.make(peer: peer)
        defer { Task { await caller.shutdown(); await peer.shutdown() } }
        let invite = makeRequest(.invite, uri: peer.uri(for: DemoPeer.answering), callID: newCallID("offerless"), cseq: 1)
        let (ok, _) = try await caller.finalResponse(to: invite)
        #expect(ok.statusCode == 200)
        #expect(String(decoding: ok.body, as: UTF8.self).contains("m=audio \(peer.mediaPort) RTP/AVP 0 8 101\r\n"))
        _ = try await caller.endpoint.send(makeACK(for: invite, response: ok), to: .target(caller.target))
    }

    @Test func cancelWhileRingingEndsWith487() async throws {
        let peer = try await startPeer(ring: .seconds(5))
        let caller = try await DemoCaller.make(peer: peer)
        defer { Task { await caller.shutdown(); await peer.shutdown() } }
        let callID = newCallID("cancel")
        let branch = "z9hG4bK-cancel-\(UInt32.random(in: 0...UInt32.max))"
        let uri = peer.uri(for: DemoPeer.answering)
        let invite = makeRequest(.invite, uri: uri, callID: callID, cseq: 1, body: sdpOffer(), branch: branch)
        let inviteEvents = caller.send(invite)
        #expect(try await inviteEvents.first { if case let .provisional(m) = $0, m.statusCode == 180 { true } else { nil } } == true)
        let cancel = makeRequest(.cancel, uri: uri, callID: callID, cseq: 1, contact: nil, branch: branch)
        let (cancelOK, _) = try await caller.finalResponse(to: cancel)
        #expect(cancelOK.statusCode == 200)
        let final = try #require(try await inviteEvents.final())
        #expect(final.statusCode == 487)

        // A CANCEL after the 200 changes nothing, and is still answered 200 (§9.2).
        let peer2 = try await startPeer(ring: .zero)
        let caller2 = try await DemoCaller.make(peer: peer2)
        defer { Task { await caller2.shutdown(); await peer2.shutdown() } }
        let lateBranch = "z9hG4bK-late-\(UInt32.random(in: 0...UInt32.max))"
        let lateURI = peer2.uri(for: DemoPeer.answering)
        let lateInvite = makeRequest(.invite, uri: lateURI, callID: callID + "-late", cseq: 1, body: sdpOffer(), branch: lateBranch)
        let (ok, _) = try await caller2.finalResponse(to: lateInvite)
        #expect(ok.statusCode == 200)
        let (lateCancel, _) = try await caller2.finalResponse(to: makeRequest(.cancel, uri: lateURI, callID: callID + "-late", cseq: 1,
                                                                               contact: nil, branch: lateBranch))
        #expect(lateCancel.statusCode == 200)
        _ = try await caller2.endpoint.send(makeACK(for: lateInvite, response: ok), to: .target(caller2.target))
    }

    // MARK: 302, 303, 301: redirects

    @Test func theRedirectingNumberPointsAtTheAnsweringOne() async throws {
        let peer = try await startPeer()
        let caller = try await DemoCaller.make(peer: peer)
        defer { Task { await caller.shutdown(); await peer.shutdown() } }
        let (moved, _) = try await caller.finalResponse(to: makeRequest(
            .invite, uri: peer.uri(for: DemoPeer.redirecting), callID: newCallID("302"), cseq: 1, body: sdpOffer()))
        #expect(moved.statusCode == 302 && moved.reasonPhrase == "Moved Temporarily")
        #expect(moved.values(.contact) == ["<sip:100@127.0.0.1:\(peer.port)>"])
        #expect(moved.to?.tag != nil)

        let (toChallenge, _) = try await caller.finalResponse(to: makeRequest(
            .invite, uri: peer.uri(for: DemoPeer.redirectingToChallenge), callID: newCallID("303"), cseq: 1, body: sdpOffer()))
        #expect(toChallenge.statusCode == 302)
        #expect(toChallenge.values(.contact) == ["<sip:401@127.0.0.1:\(peer.port)>"])

        let (permanently, _) = try await caller.finalResponse(to: makeRequest(
            .invite, uri: peer.uri(for: DemoPeer.movedPermanently), callID: newCallID("301"), cseq: 1, body: sdpOffer()))
        #expect(permanently.statusCode == 301 && permanently.reasonPhrase == "Moved Permanently")
        #expect(permanently.values(.contact) == ["<sip:100@127.0.0.1:\(peer.port)>"])
    }

    @Test func theRedirectOverTCPKeepsTCP() async throws {
        let peer = try await startPeer()
        let caller = try await DemoCaller.make(peer: peer, transport: .tcp)
        defer { Task { await caller.shutdown(); await peer.shutdown() } }
        let (moved, _) = try await caller.finalResponse(to: makeRequest(
            .invite, uri: peer.uri(for: DemoPeer.redirecting, transport: .tcp), callID: newCallID("302tcp"), cseq: 1, body: sdpOffer()))
        #expect(moved.values(.contact) == ["<sip:100@127.0.0.1:\(peer.port);transport=tcp>"])
    }

    // MARK: 401: the challenge

    @Test func theChallengingNumberAcceptsTheDemoCredentials() async throws {
        let peer = try await startPeer()
        let caller = try await DemoCaller.make(peer: peer)
        defer { Task { await caller.shutdown(); await peer.shutdown() } }
        let invite = makeRequest(.invite, uri: peer.uri(for: DemoPeer.challenging), callID: newCallID("401"), cseq: 1, body: sdpOffer())
        let (challenge, _) = try await caller.finalResponse(to: invite)
        #expect(challenge.statusCode == 401)
        let offered = try #require(challenge.wwwAuthenticate.first)
        #expect(offered.isDigest && offered.realm == "dialtone-demo" && offered.algorithmName == "MD5" && offered.qopOptions == ["auth"])
        #expect(!offered.stale && offered.nonce != nil && offered.opaque != nil)

        let retry = try authorized(invite, answering: challenge, cseq: 2)
        let (ok, events) = try await caller.finalResponse(to: retry)
        #expect(ok.statusCode == 200, "\(caller.log.text)")
        #expect(events.provisionalCodes == [100, 180])
        _ = try await caller.endpoint.send(makeACK(for: retry, response: ok), to: .target(caller.target))
    }

    @Test func wrongCredentialsAreChallengedAgainWithANewNonce() async throws {
        let peer = try await startPeer()
        let caller = try await DemoCaller.make(peer: peer)
        defer { Task { await caller.shutdown(); await peer.shutdown() } }
        let invite = makeRequest(.invite, uri: peer.uri(for: DemoPeer.challenging), callID: newCallID("401-wrong"), cseq: 1, body: sdpOffer())
        let (challenge, _) = try await caller.finalResponse(to: invite)
        for (cseq, (user, password)) in [(2, ("demo", "wrong")), (3, ("someone", "demo"))] {
            let (again, _) = try await caller.finalResponse(to: try authorized(invite, answering: challenge, username: user, password: password, cseq: cseq))
            #expect(again.statusCode == 401)
            let second = try #require(again.wwwAuthenticate.first)
            #expect(second.nonce != challenge.wwwAuthenticate.first?.nonce, "a new nonce")
            #expect(!second.stale, "wrong credentials are not a stale nonce")
        }
    }

    @Test func anExpiredNonceIsStale() async throws {
        let peer = try await startPeer(nonceLifetime: .milliseconds(100))
        let caller = try await DemoCaller.make(peer: peer)
        defer { Task { await caller.shutdown(); await peer.shutdown() } }
        let invite = makeRequest(.invite, uri: peer.uri(for: DemoPeer.challenging), callID: newCallID("401-stale"), cseq: 1, body: sdpOffer())
        let (challenge, _) = try await caller.finalResponse(to: invite)
        try await Task.sleep(for: .milliseconds(250))
        let (stale, _) = try await caller.finalResponse(to: try authorized(invite, answering: challenge, cseq: 2))
        #expect(stale.statusCode == 401)
        let fresh = try #require(stale.wwwAuthenticate.first)
        #expect(fresh.stale, "right credentials, old nonce: stale=true")
        // The new nonce works at once.
        let (ok, _) = try await caller.finalResponse(to: try authorized(invite, answering: stale, cseq: 3))
        #expect(ok.statusCode == 200)
    }

    // MARK: 486, 404

    @Test func busyAndUnknownNumbers() async throws {
        let peer = try await startPeer()
        let caller = try await DemoCaller.make(peer: peer)
        defer { Task { await caller.shutdown(); await peer.shutdown() } }
        let (busy, _) = try await caller.finalResponse(to: makeRequest(
            .invite, uri: peer.uri(for: DemoPeer.busy), callID: newCallID("486"), cseq: 1, body: sdpOffer()))
        #expect(busy.statusCode == 486)
        let (unknown, _) = try await caller.finalResponse(to: makeRequest(
            .invite, uri: peer.uri(for: "999"), callID: newCallID("404"), cseq: 1, body: sdpOffer()))
        #expect(unknown.statusCode == 404)
        #expect(unknown.reasonPhrase?.contains("100, 302, 401, 303, 301, 486") == true)
    }

    // MARK: REGISTER

    @Test func registrationIsChallengedThenAccepted() async throws {
        let peer = try await startPeer()
        let caller = try await DemoCaller.make(peer: peer)
        defer { Task { await caller.shutdown(); await peer.shutdown() } }
        let aor = "<sip:alice@127.0.0.1>"
        let callID = newCallID("register")
        let register = makeRequest(.register, uri: "sip:127.0.0.1:\(peer.port)", callID: callID, cseq: 1, to: aor,
                                   contact: "<sip:alice@127.0.0.1:5099>", extraHeaders: [("Expires", "600")])
        let (challenge, _) = try await caller.finalResponse(to: register)
        #expect(challenge.statusCode == 401 && challenge.wwwAuthenticate.first?.realm == "dialtone-demo-registrar")

        let (ok, _) = try await caller.finalResponse(to: try authorized(register, answering: challenge, cseq: 2))
        #expect(ok.statusCode == 200)
        #expect(ok.values(.contact) == ["<sip:alice@127.0.0.1:5099>;expires=600"])

        // The nonce is reused with nc 2 for a refresh asking too little: 423 with Min-Expires.
        var brief = try authorized(register, answering: challenge, cseq: 3, nonceCount: 2)
        brief.set("Expires", "30")
        let (tooBrief, _) = try await caller.finalResponse(to: brief)
        #expect(tooBrief.statusCode == 423 && tooBrief.minExpires == 60)

        // Unregister: Expires 0 removes the binding.
        var remove = try authorized(register, answering: challenge, cseq: 4, nonceCount: 3)
        remove.set("Expires", "0")
        let (removed, _) = try await caller.finalResponse(to: remove)
        #expect(removed.statusCode == 200 && removed.values(.contact).isEmpty)
    }

    @Test func outOfDialogOptionsIsAnswered() async throws {
        let peer = try await startPeer()
        let caller = try await DemoCaller.make(peer: peer)
        defer { Task { await caller.shutdown(); await peer.shutdown() } }
        let (ok, _) = try await caller.finalResponse(to: makeRequest(.options, uri: "sip:127.0.0.1:\(peer.port)", callID: newCallID("options"), cseq: 1))
        #expect(ok.statusCode == 200 && ok.value("Allow")?.contains("INVITE") == true)
    }
}

/// Keeps what comes back to a test socket.
final class EchoCatcher: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    let received = NIOLockedValueBox<[String]>([])
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        received.withLockedValue { $0.append(String(buffer: envelope.data)) }
    }
}
