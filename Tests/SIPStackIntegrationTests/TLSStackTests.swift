import Foundation
import NIOConcurrencyHelpers
import SIPCore
import SIPNIO
import SIPTransaction
import Testing

/// A CA and a server certificate for localhost / 127.0.0.1 made with openssl for one test
/// (as Tests/SIPNIOIntegrationTests/TLSTests.swift makes them).
struct TestPKI {
    let directory: TemporaryDirectory
    var caCertificate: String { directory.path("ca.crt") }
    var serverCertificate: String { directory.path("server.crt") }
    var serverKey: String { directory.path("server.key") }

    static func make() throws -> TestPKI {
        let openssl = try #require(executable("openssl"), "openssl is needed to make the test certificates")
        let directory = try TemporaryDirectory()
        let pki = TestPKI(directory: directory)
        func openSSL(_ arguments: [String]) throws {
            let (status, output) = try run(openssl, arguments)
            guard status == 0 else {
                throw SIPTransportError(.tlsConfiguration, "openssl \(arguments.first ?? "") failed: \(output)")
            }
        }
        try openSSL(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                     "-keyout", directory.path("ca.key"), "-out", pki.caCertificate, "-days", "2",
                     "-subj", "/CN=Dialtone stack test CA",
                     "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
        try openSSL(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                     "-keyout", pki.serverKey, "-out", directory.path("server.csr"), "-subj", "/CN=localhost"])
        try "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n"
            .write(toFile: directory.path("server.ext"), atomically: true, encoding: .utf8)
        try openSSL(["x509", "-req", "-in", directory.path("server.csr"), "-CA", pki.caCertificate,
                     "-CAkey", directory.path("ca.key"), "-CAcreateserial", "-out", pki.serverCertificate,
                     "-days", "2", "-extfile", directory.path("server.ext")])
        return pki
    }
}

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
