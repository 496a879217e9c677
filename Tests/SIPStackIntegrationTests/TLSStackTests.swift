import Foundation
import NIOConcurrencyHelpers
import SIPCore
import SIPNIO
import SIPTestSupport
import SIPTransaction
import Testing

/// Server transactions the UAS endpoint saw.
final class RequestRecorder: Sendable {
    private let requests = NIOLockedValueBox<[SIPServerTransaction]>([])
    func record(_ transaction: SIPServerTransaction) { requests.withLockedValue { $0.append(transaction) } }
    var all: [SIPServerTransaction] { requests.withLockedValue { $0 } }
}

@Suite("The stack over TLS", .timeLimit(.minutes(2)))
struct TLSStackTests {
    /// OPTIONS from one endpoint to another over TLS, the server's certificate checked
    /// against a CA made for the test: a client transaction, a server transaction, and
    /// the 200 back over the same connection (§18.2.2).
    @Test func optionsThroughTransactionsOverTLS() async throws {
        let pki = try TestPKI.make()
        defer { pki.directory.remove() }

        var serverConfiguration = SIPTransportConfiguration()
        serverConfiguration.tls = SIPTLSConfiguration(certificateChainFile: pki.serverCertificate, privateKeyFile: pki.serverKey)
        let serverLog = LogRecorder()
        let requests = RequestRecorder()
        let server = try await makeEndpoint(log: serverLog, handlers: SIPEndpoint.Handlers(onRequest: { transaction in
            requests.record(transaction)
            transaction.respond(status: 200, toTag: "uas-tls")
        }), configuration: serverConfiguration, listenOn: [])
        defer { Task { await server.shutdown() } }
        let serverAddress = try await server.listen(.tls, on: .ipv4("127.0.0.1", 0))

        var clientConfiguration = SIPTransportConfiguration()
        clientConfiguration.tls.caFile = pki.caCertificate
        clientConfiguration.tls.trustSystemRoots = false
        let clientLog = LogRecorder()
        let client = try await makeEndpoint(log: clientLog, configuration: clientConfiguration, listenOn: [])
        defer { Task { await client.shutdown() } }

        let uri = "sips:service@localhost:\(serverAddress.port)"
        let request = makeRequest(.options, uri: uri, callID: "stack-tls-\(serverAddress.port)", cseq: 1, fromTag: "t1", to: "<\(uri)>")
        let events = EventRecorder()
        client.sendRequest(request, to: .target(.tls(serverAddress, serverName: "localhost"))) { events.record($0) }

        let response = try #require(try await events.final(), "no final response\n\(events.descriptions)\n\(clientLog.text)\n\(serverLog.text)")
        #expect(response.statusCode == 200)
        #expect(response.to?.tag == "uas-tls")
        // TLS is reliable: no Timer K, so the transaction ends at once.
        #expect(try await events.terminated(within: .seconds(2)))

        let served = try #require(requests.all.first)
        #expect(served.request.method == .options)
        #expect(served.key.role == .server && served.inbound.source.transport == .tls)
        let sent = try #require(clientLog.sent(startingWith: "OPTIONS ").first)
        #expect(sent.transport == .tls && sent.transactionState == "Trying")
        let answered = try #require(serverLog.sent(startingWith: "SIP/2.0 200").first)
        #expect(answered.transactionKey == served.key.description)
        #expect(answered.connection != nil)
    }
}
