import DialtoneDemo
import Foundation
import SIPNIO
import SIPTestSupport
import Testing

/// The demo peer called by sipp, an independent SIP implementation: the answering number
/// (INVITE/100/180/200/ACK, OPTIONS and BYE in the dialog) over UDP and TCP, and the
/// challenging one, where sipp computes the digest answer itself.
@Suite("The demo peer against sipp", .serialized, .timeLimit(.minutes(2)),
       .enabled(if: SippProcess.path != nil, "sipp is not installed (Debian package sip-tester): skipping"))
struct DemoPeerSippTests {
    func call(_ scenario: String, over transport: SIPTransport) async throws {
        let peer = try await startPeer(ring: .milliseconds(100))
        defer { Task { await peer.shutdown() } }
        let scenarioPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scenarios/\(scenario)").path
        let sipp = try await SippProcess(scenario: scenarioPath, transport: transport == .udp ? .udp : .tcp,
                                         remote: "127.0.0.1:\(peer.port)", waitUntilListening: false)
        defer { sipp.stop() }
        let status = await sipp.waitForExit(timeout: .seconds(30))
        #expect(status == 0, "sipp did not complete \(scenario) over \(transport)\n\(sipp.report)")
    }

    @Test func theAnsweringNumberOverUDP() async throws { try await call("call-100-uac.xml", over: .udp) }
    @Test func theAnsweringNumberOverTCP() async throws { try await call("call-100-uac.xml", over: .tcp) }
    @Test func theChallengingNumberAcceptsSippsDigest() async throws { try await call("call-401-uac.xml", over: .udp) }
}
