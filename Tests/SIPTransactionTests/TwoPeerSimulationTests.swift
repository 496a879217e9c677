import SIPCore
import SIPTransaction
import Testing

/// A client and a server layer against each other through a lossy fake network (20 ms
/// one way), run by earliest deadline, faster than real time.
@Suite struct TwoPeerSimulationTests {
    /// The server's TU answers every new request at once with `code`.
    static func answering(_ code: Int) -> (SIPTransactionLayer.Output, SIPInstant) -> [TwoPeerSimulation.TUAction] {
        { output, _ in
            guard case let .tell(.request(request), key) = output, request.method != .ack else { return [] }
            return [.respond(Messages.response(code, to: request, toTag: "srv"), on: key)]
        }
    }

    /// INVITE lost once, 486 lost once: Timer A brings the INVITE through at 0.5 s, Timer G
    /// the 486 at 1.02 s; the transaction's ACK confirms the server, and each side waits
    /// out its timer (I: T4, D: 32 s).
    @Test func inviteAndItsFinalEachLostOnce() throws {
        var sim = TwoPeerSimulation(serverTU: Self.answering(486))
        sim.losses = [
            .init(from: .client, count: 1) { $0.method == .invite },
            .init(from: .server, count: 1) { $0.statusCode == 486 },
        ]
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            let key = try sim.clientSends(Messages.invite)
            try sim.run()
            #expect(sim.peers[.client]!.layer.state(of: key) == nil)
        }
        #expect(sim.instants(.client, "lose INVITE") == seconds(0))
        #expect(sim.instants(.client, "fire A") == seconds(0.5))
        #expect(sim.instants(.client, "send INVITE") == seconds(0.5))
        #expect(sim.instants(.server, "receive INVITE") == seconds(0.52))
        #expect(sim.instants(.server, "send 100 INVITE") == seconds(0.52))
        #expect(sim.instants(.server, "lose 486 INVITE") == seconds(0.52))
        #expect(sim.instants(.client, "tell response 100 INVITE") == seconds(0.54))
        // Timer G: T1 after the final.
        #expect(sim.instants(.server, "fire G") == seconds(1.02))
        #expect(sim.instants(.server, "send 486 INVITE") == seconds(1.02))
        #expect(sim.instants(.client, "tell response 486 INVITE") == seconds(1.04))
        #expect(sim.instants(.client, "send ACK") == seconds(1.04))
        #expect(sim.instants(.server, "receive ACK") == seconds(1.06))
        // The server: Timer I (T4) after the ACK; the client: Timer D (32 s) after the 486.
        #expect(sim.instants(.server, "fire I") == seconds(6.06))
        #expect(sim.instants(.server, "tell terminated") == seconds(6.06))
        #expect(sim.instants(.client, "fire D") == seconds(33.04))
        #expect(sim.instants(.client, "tell terminated") == seconds(33.04))
        // Nothing else was sent: the 100 stopped Timer A, the ACK stopped Timer G.
        #expect(sim.log.filter { $0.what.hasPrefix("send") || $0.what.hasPrefix("lose") }.count == 6)
        #expect(sim.peers.values.allSatisfy { $0.layer.count == 0 && $0.timers.isEmpty })
        #expect(sim.now == at(33_040))
        #expect(elapsed < .seconds(1), "33 simulated seconds should take no real time")
    }

    /// A BYE whose first 200 is lost: Timer E resends it at 0.5 s, the server's Completed
    /// transaction answers with the 200 again, and the client completes at 0.54 s.
    @Test func nonInviteWhoseFirstFinalIsLost() throws {
        var sim = TwoPeerSimulation(serverTU: Self.answering(200))
        sim.losses = [.init(from: .server, count: 1) { $0.statusCode == 200 }]
        _ = try sim.clientSends(Messages.bye)
        try sim.run()
        #expect(sim.instants(.client, "send BYE") == seconds(0, 0.5))
        #expect(sim.instants(.server, "receive BYE") == seconds(0.02, 0.52))
        #expect(sim.instants(.server, "tell request BYE") == seconds(0.02))
        #expect(sim.instants(.server, "lose 200 BYE") == seconds(0.02))
        #expect(sim.instants(.server, "send 200 BYE") == seconds(0.52))
        #expect(sim.instants(.client, "tell response 200 BYE") == seconds(0.54))
        // Client: Timer K (T4) after the 200; server: Timer J (64·T1) after its final.
        #expect(sim.instants(.client, "fire K") == seconds(5.54))
        #expect(sim.instants(.client, "tell terminated") == seconds(5.54))
        #expect(sim.instants(.server, "fire J") == seconds(32.02))
        #expect(sim.instants(.server, "tell terminated") == seconds(32.02))
        #expect(sim.instants(.client, "fire E") == seconds(0.5))
        #expect(sim.peers.values.allSatisfy { $0.layer.count == 0 && $0.timers.isEmpty })
    }

    /// Every 200 lost: the client retransmits on Timer E's schedule (capped at T2) until
    /// Timer F tells its TU of the timeout at 32 s; the server answers each retransmission.
    @Test func nonInviteTimesOutWhenEveryFinalIsLost() throws {
        var sim = TwoPeerSimulation(serverTU: Self.answering(200))
        sim.losses = [.init(from: .server, count: .max) { $0.statusCode == 200 }]
        _ = try sim.clientSends(Messages.bye)
        try sim.run()
        #expect(sim.instants(.client, "send BYE") == seconds(0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5))
        #expect(sim.instants(.server, "lose 200 BYE").count == 11)
        #expect(sim.instants(.client, "tell timeout F") == seconds(32))
        #expect(sim.instants(.client, "tell terminated") == seconds(32))
        // The server's Timer J runs from its first 200.
        #expect(sim.instants(.server, "tell terminated") == seconds(32.02))
    }

    /// An INVITE answered 200 over a reliable transport: nothing is retransmitted; the
    /// client TU sends the 2xx ACK itself, which reaches the server as a stray; both sides
    /// sit in Accepted until Timer M and Timer L.
    @Test func reliableInviteAnsweredWithSuccess() throws {
        var sim = TwoPeerSimulation(
            reliability: .reliable,
            clientTU: { output, _ in
                guard case let .tell(.response(response), _) = output, response.statusCode == 200 else { return [] }
                // A stand-in for the user agent's 2xx ACK (§13.2.2.4): what matters here is
                // its branch of its own.
                var ack = SIPMessage.ack(forNonSuccess: response, to: Messages.invite)
                ack.set("Via", "SIP/2.0/TCP pc33.atlanta.example.com;branch=z9hG4bK2xxack")
                return [.sendDirectly(ack)]
            },
            serverTU: Self.answering(200))
        _ = try sim.clientSends(Messages.invite)
        try sim.run()
        #expect(sim.instants(.client, "send INVITE") == seconds(0))
        #expect(sim.instants(.server, "send 200 INVITE") == seconds(0.02))
        #expect(sim.instants(.client, "tell response 200 INVITE") == seconds(0.04))
        #expect(sim.instants(.server, "stray ACK") == seconds(0.06))
        #expect(!sim.log.contains { $0.what.hasPrefix("fire A") || $0.what.hasPrefix("fire G") })
        #expect(sim.instants(.server, "fire L") == seconds(32.02))
        #expect(sim.instants(.client, "fire M") == seconds(32.04))
        #expect(sim.peers.values.allSatisfy { $0.layer.count == 0 && $0.timers.isEmpty })
    }
}
