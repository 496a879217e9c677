import Foundation
import SIPCore
import NIOCore
import NIOPosix
import SIPNIO
import SIPTestSupport
import Testing

@Suite("TLS over loopback", .timeLimit(.minutes(2)))
struct TLSTests {
    func configurations(_ pki: TestPKI, trusting ca: String) -> (client: SIPTransportConfiguration, server: SIPTransportConfiguration) {
        var client = SIPTransportConfiguration()
        client.tls.caFile = ca
        client.tls.trustSystemRoots = false
        var server = SIPTransportConfiguration()
        server.tls = SIPTLSConfiguration(certificateChainFile: pki.serverCertificate, privateKeyFile: pki.serverKey)
        return (client, server)
    }

    @Test(arguments: [("127.0.0.1", "localhost"), ("::1", nil)] as [(String, String?)])
    func requestAndResponseWithTheCATrusted(host: String, serverName: String?) async throws {
        let pki = try TestPKI.make()
        defer { pki.directory.remove() }
        let (client, server) = configurations(pki, trusting: pki.caCertificate)
        let pair = try LayerPair.make(clientConfiguration: client, serverConfiguration: server)
        defer { Task { await pair.shutdown() } }
        let address = try await pair.server.listen(.tls, on: SIPAddress(host: host, port: 0))
        let sent = try await pair.client.send(makeOptions(to: "sips:bob@\(address)", callID: "tls-\(host)"),
                                              to: .tls(address, serverName: serverName))
        #expect(sent.transport == .tls)
        #expect(sent.message.topVia?.transport == "TLS")
        let request = try #require(await pair.responder.received.next())
        #expect(request.source.transport == .tls)
        let response = try #require(await pair.clientInbox.next())
        #expect(response.message.statusCode == 200)
        #expect(response.source.transport == .tls)
        #expect(response.source.connection == sent.connection)

        // A second request reuses the connection (same address, same certificate name).
        let second = try await pair.client.send(makeOptions(to: "sips:bob@\(address)", callID: "tls-again-\(host)", cseq: 2),
                                                to: .tls(address, serverName: serverName))
        #expect(second.connection == sent.connection)
        #expect(await pair.clientInbox.next()?.message.callID == "tls-again-\(host)")
        #expect(await pair.client.openConnections().count == 1)
    }

    @Test func aWrongCAIsRefusedNamingTheCertificateProblem() async throws {
        let pki = try TestPKI.make()
        defer { pki.directory.remove() }
        let (client, server) = configurations(pki, trusting: pki.otherCACertificate)
        let pair = try LayerPair.make(clientConfiguration: client, serverConfiguration: server)
        defer { Task { await pair.shutdown() } }
        let address = try await pair.server.listen(.tls, on: .ipv4("127.0.0.1", 0))
        let error = await #expect(throws: SIPTransportError.self) {
            try await pair.client.send(makeOptions(to: "sips:bob@\(address)", callID: "wrong-ca"),
                                       to: .tls(address, serverName: "localhost"))
        }
        #expect(error?.kind == .tlsHandshakeFailed)
        let message = error?.message ?? ""
        #expect(message.contains("TLS handshake with 127.0.0.1:\(address.port) failed"))
        #expect(message.contains("the server's certificate is not trusted"))
        #expect(message.contains("--ca-file"))
        #expect(message.contains("CERTIFICATE_VERIFY_FAILED"))
        print("wrong CA: \(message)")
        #expect(await pair.client.openConnections().isEmpty)
    }

    @Test func aNameTheCertificateDoesNotCarryIsRefused() async throws {
        let pki = try TestPKI.make()
        defer { pki.directory.remove() }
        // NIOSSL accepts a certificate whose IP address entry matches the peer's address
        // whatever the name asked for, so this server's certificate names localhost only.
        var (client, server) = configurations(pki, trusting: pki.caCertificate)
        server.tls.certificateChainFile = pki.namedServerCertificate
        let pair = try LayerPair.make(clientConfiguration: client, serverConfiguration: server)
        defer { Task { await pair.shutdown() } }
        let address = try await pair.server.listen(.tls, on: .ipv4("127.0.0.1", 0))
        _ = try await pair.client.send(makeOptions(to: "sips:bob@localhost", callID: "right-name"),
                                       to: .tls(address, serverName: "localhost"))
        let error = await #expect(throws: SIPTransportError.self) {
            try await pair.client.send(makeOptions(to: "sips:bob@sip.example.com", callID: "wrong-name"),
                                       to: .tls(address, serverName: "sip.example.com"))
        }
        #expect(error?.kind == .tlsHandshakeFailed)
        #expect(error?.message.contains("not valid for 'sip.example.com'") == true)
        print("wrong name: \(error?.message ?? "")")
    }

    @Test func anUnreadableCAFileIsReportedAtOnce() throws {
        var configuration = SIPTransportConfiguration()
        configuration.tls.caFile = "/nonexistent/dialtone-ca.pem"
        let error = #expect(throws: SIPTransportError.self) {
            _ = try SIPTransportLayer(eventLoop: MultiThreadedEventLoopGroupHolder.loop, configuration: configuration, onMessage: { _ in })
        }
        #expect(error?.kind == .tlsConfiguration)
        #expect(error?.message.contains("/nonexistent/dialtone-ca.pem") == true)
    }
}
