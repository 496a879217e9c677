import Foundation
import SIPCore
import SIPNIO
import SIPTestSupport
import Testing

/// OPTIONS through the transport to a real, independent SIP implementation: sipp,
/// playing the tiny UAS scenario in Scenarios/options-uas.xml.
@Suite("sipp answers our OPTIONS", .timeLimit(.minutes(2)),
       .enabled(if: SippProcess.path != nil, "sipp is not installed (Debian package sip-tester): skipping the sipp tests"))
struct SippTests {
    static let scenario = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Scenarios/options-uas.xml").path

    func exchange(over transport: SIPTransport) async throws {
        // sipp on a free port for one call; it exits after the call or at its own timeout,
        // and is stopped in any case.
        let sipp = try await SippProcess(scenario: Self.scenario, transport: transport == .udp ? .udp : .tcp,
                                         timeout: .seconds(30))
        defer { sipp.stop() }
        let port = sipp.port

        let log = LogRecorder()
        let inbox = Inbox()
        var configuration = SIPTransportConfiguration()
        configuration.logSink = log
        let layer = try SIPTransportLayer(eventLoop: MultiThreadedEventLoopGroupHolder.loop, configuration: configuration,
                                          onMessage: { inbox.put($0) })
        defer { Task { await layer.shutdown() } }
        let local = try await layer.listen(transport, on: .ipv4("127.0.0.1", 0))
        let sippAddress = SIPAddress.ipv4("127.0.0.1", port)
        let target = SIPTransportTarget(transport: transport, address: sippAddress)

        // sipp needs a moment to bind: retransmit the same request (UDP) or retry the
        // connect (TCP) until it answers, a bounded number of times.
        var request = makeOptions(to: "sip:service@\(sippAddress)", callID: "sipp-\(transport)-\(port)")
        var response: SIPInboundMessage?
        for _ in 0..<40 where response == nil {
            do {
                request = try await layer.send(request, to: target, transactionKey: "options-1").message
            } catch let error as SIPTransportError where error.kind == .connectFailed {
                try await Task.sleep(for: .milliseconds(250))
                continue
            }
            response = await inbox.next(within: .milliseconds(500))
        }
        let answer = try #require(response, "sipp did not answer\n\(sipp.report)")
        #expect(answer.message.statusCode == 200)
        #expect(answer.message.callID == request.callID)
        #expect(answer.message.topVia?.branch == request.topVia?.branch)
        #expect(answer.source.remote == sippAddress)
        #expect(answer.source.local == local || transport == .tcp)

        // Both messages went through the log sink with the right directions and ends.
        let entries = log.all.filter { $0.kind == .message }
        let sent = try #require(entries.last { $0.direction == .sent })
        #expect(sent.transport == transport)
        #expect(sent.remote == sippAddress)
        #expect(sent.transactionKey == "options-1")
        #expect(String(decoding: sent.bytes.prefix(8), as: UTF8.self) == "OPTIONS ")
        let received = try #require(entries.first { $0.direction == .received })
        #expect(received.transport == transport)
        #expect(received.remote == sippAddress)
        #expect(received.local == sent.local)
        #expect(String(decoding: received.bytes.prefix(15), as: UTF8.self) == "SIP/2.0 200 OK\r")

        // sipp ends by itself after its one call, successfully.
        #expect(await sipp.waitForExit(timeout: .seconds(10)) == 0, "\(sipp.report)")
    }

    @Test func optionsOverUDP() async throws { try await exchange(over: .udp) }
    @Test func optionsOverTCP() async throws { try await exchange(over: .tcp) }
}
