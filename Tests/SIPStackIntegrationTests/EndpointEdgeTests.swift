import Foundation
import SIPCore
import SIPNIO
import SIPTestSupport
import SIPTransaction
import Testing

/// The endpoint's own edges, without sipp: a transport failure ends the transaction, a
/// request that cannot start one says so, and the AsyncStream form ends by itself.
@Suite("SIPEndpoint edges", .timeLimit(.minutes(1)))
struct EndpointEdgeTests {
    /// Every event of `stream`, or what came before `timeout` ran out.
    func collect(_ stream: AsyncStream<SIPClientTransactionEvent>, within timeout: Duration) async -> [SIPClientTransactionEvent] {
        await withTaskGroup(of: [SIPClientTransactionEvent]?.self) { group in
            group.addTask {
                var events: [SIPClientTransactionEvent] = []
                for await event in stream { events.append(event) }
                return events
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? []
        }
    }

    /// A TCP connect that is refused is the transaction's transport error (§17.1.4):
    /// the stream says why, then `terminated`, and ends.
    @Test func refusedConnectEndsTheTransactionWithATransportError() async throws {
        let log = LogRecorder()
        let endpoint = try await makeEndpoint(log: log, listenOn: [.tcp])
        defer { Task { await endpoint.shutdown() } }
        let closed = try await freePort()   // nothing listens there now
        let uri = "sip:nobody@127.0.0.1:\(closed);transport=tcp"
        let request = makeRequest(.options, uri: uri, callID: "edge-refused-\(closed)", cseq: 1, fromTag: "e1", to: "<\(uri)>")
        let events = await collect(endpoint.sendRequest(request, to: .target(.tcp(.ipv4("127.0.0.1", closed)))), within: .seconds(10))
        #expect(events.count == 3, "\(events)")
        guard events.count == 3 else { return }
        guard case .started = events[0] else { Issue.record("first event: \(events[0])"); return }
        guard case let .transportError(reason) = events[1] else { Issue.record("second event: \(events[1])"); return }
        #expect(!reason.isEmpty)
        guard case .terminated = events[2] else { Issue.record("last event: \(events[2])"); return }
        #expect(await endpoint.transactions().isEmpty)
    }

    /// An ACK is no client transaction of its own (§17.1.1.3): it is refused with the
    /// reason, and the stream ends.
    @Test func anACKDoesNotStartATransaction() async throws {
        let endpoint = try await makeEndpoint(log: LogRecorder(), listenOn: [.udp])
        defer { Task { await endpoint.shutdown() } }
        let uri = "sip:nobody@127.0.0.1:9"
        let ack = makeRequest(.ack, uri: uri, callID: "edge-ack", cseq: 1, fromTag: "e2", to: "<\(uri)>;tag=x")
        let events = await collect(endpoint.sendRequest(ack, to: .target(.udp(.ipv4("127.0.0.1", 9)))), within: .seconds(5))
        #expect(events.count == 1, "\(events)")
        if case let .failedToStart(reason)? = events.first {
            #expect(reason.contains("ACK"), "\(reason)")
        } else {
            Issue.record("expected failedToStart, got \(events)")
        }
    }

    /// A request to ourselves over UDP: the server transaction hands the request up,
    /// the TU answers through it, and the client transaction gets the 200 — one endpoint
    /// being both ends, on one loop.
    @Test func anEndpointAnswersItselfOverUDP() async throws {
        let requests = RequestRecorder()
        let log = LogRecorder()
        let endpoint = try await makeEndpoint(t1: .milliseconds(100), log: log, handlers: SIPEndpoint.Handlers(onRequest: { transaction in
            requests.record(transaction)
            transaction.respond(status: 200, toTag: "self")
        }), listenOn: [])
        defer { Task { await endpoint.shutdown() } }
        let address = try await endpoint.listen(.udp, on: .ipv4("127.0.0.1", 0))
        let uri = "sip:me@\(address)"
        let request = makeRequest(.options, uri: uri, callID: "edge-self-\(address.port)", cseq: 1, fromTag: "e3", to: "<\(uri)>")
        let events = EventRecorder()
        endpoint.sendRequest(request, to: .target(.udp(address))) { events.record($0) }
        let response = try #require(try await events.final(), "\(events.descriptions)\n\(log.text)")
        #expect(response.statusCode == 200 && response.to?.tag == "self")
        let served = try #require(requests.all.first)
        #expect(served.key.role == .server && served.request.callID == request.callID)
        // The server's 200 is logged under the server transaction, in Completed.
        let answer = try #require(log.sent(startingWith: "SIP/2.0 200").first)
        #expect(answer.transactionKey == served.key.description)
        #expect(answer.transactionState == "Completed")
    }
}
