import Foundation
import SIPTestSupport
import Testing

/// Done when 3: a redirect loop (A → B → A): the call ends with a clear "redirect loop"
/// error and A gets no third INVITE (exactly one INVITE in all).
///
/// Peers: Scenarios/uas-302-once.xml as A (redirects to B, then fails its call if another
/// INVITE arrives within 3 s), Scenarios/uas-302.xml as B (redirects back to A).
@Suite("Done when 3: a redirect loop", .serialized, .timeLimit(.minutes(2)),
       .enabled(if: Peers.sippInstalled, "sipp is not installed (Debian package sip-tester)"))
struct RedirectLoopTests {
    @Test(needsHeadlessDialtone) func theLoopEndsTheCallAndAIsCalledOnce() async throws {
        let ports = try await freePorts(2)
        let a = try await SippProcess(scenario: Peers.scenario("uas-302-once.xml"), port: ports[0],
                                      arguments: Peers.keyArguments(["contact": "<sip:b@127.0.0.1:\(ports[1])>"]))
        defer { a.stop() }
        let b = try await SippProcess(scenario: Peers.scenario("uas-302.xml"), port: ports[1],
                                      arguments: Peers.keyArguments(["contact": "<sip:a@127.0.0.1:\(ports[0])>"]))
        defer { b.stop() }

        let dialtone = try DialtoneProcess.call("sip:a@\(a.hostPort)")
        defer { dialtone.kill() }
        try await dialtone.waitForLine(containing: "moved temporarily to sip:b@\(b.hostPort)")
        let ended = try await dialtone.waitForLine(containing: "redirect loop", timeout: .seconds(15))
        #expect(ended.contains("ended"), "\(ended)")
        #expect(try await dialtone.waitForExit() == DialtoneExit.redirectFailed, "\(dialtone.transcript)")

        // A passes only if no second INVITE reached it within 3 s of its ACK.
        await expectPassed(a, "A", timeout: .seconds(10))
        await expectPassed(b, "B")
        #expect(a.messages.received.requests("INVITE").count == 1, "\(a.messages.summary)")
        #expect(b.messages.received.requests("INVITE").count == 1, "\(b.messages.summary)")
        #expect(b.messages.received.requests("ACK").count == 1, "B's 302 was ACKed")
    }
}
