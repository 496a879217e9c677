import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SIPCore
import SIPNIO
import SIPTestSupport
import Testing

@Suite("Two transport layers over loopback", .timeLimit(.minutes(2)))
struct LoopbackTests {
    /// One OPTIONS out, its 200 back, over `transport` on `host`; checks the Via the
    /// layers wrote and read, and the log.
    func exchange(_ transport: SIPTransport, host: String) async throws {
        let pair = try LayerPair.make()
        defer { Task { await pair.shutdown() } }
        let serverAddress = try await pair.server.listen(transport, on: SIPAddress(host: host, port: 0))
        let clientAddress = try await pair.client.listen(transport, on: SIPAddress(host: host, port: 0))
        #expect(serverAddress.port != 0)

        let uri = "sip:bob@\(serverAddress)"
        let sent = try await pair.client.send(makeOptions(to: uri, callID: "loop-\(transport)-\(host)"),
                                              to: SIPTransportTarget(transport: transport, address: serverAddress),
                                              transactionKey: "tx-1")
        let via = try #require(sent.message.topVia)
        #expect(via.transport == transport.viaToken)
        #expect(via.sentBy == clientAddress.description)
        #expect(via.hasMagicCookie)
        #expect(via.rport == .requested)

        // The server saw the request, with rport filled in from the source port.
        let request = try #require(await pair.responder.received.next())
        #expect(request.message.method == .options)
        #expect(request.source.transport == transport)
        #expect(request.source.local == serverAddress)
        #expect(request.message.topVia?.received == SIPAddress(host: host, port: 0).sipHost)
        if transport == .udp {
            #expect(request.message.topVia?.rport == .port(clientAddress.port))
            #expect(request.source.remote == clientAddress)
        } else {
            #expect(request.source.connection != nil)
        }

        let response = try #require(await pair.clientInbox.next())
        #expect(response.message.statusCode == 200)
        #expect(response.message.callID == "loop-\(transport)-\(host)")
        #expect(response.message.topVia?.branch == via.branch)
        #expect(response.source.remote.port == serverAddress.port)

        let sentEntry = try #require(pair.clientLog.all.first { $0.direction == .sent && $0.kind == .message })
        #expect(sentEntry.transport == transport)
        #expect(sentEntry.remote == serverAddress)
        #expect(sentEntry.transactionKey == "tx-1")
        #expect(sentEntry.bytes == sent.bytes)
        let receivedEntry = try #require(pair.clientLog.all.first { $0.direction == .received && $0.kind == .message })
        #expect(receivedEntry.bytes == response.bytes)
        #expect(String(decoding: receivedEntry.bytes.prefix(11), as: UTF8.self) == "SIP/2.0 200")
    }

    @Test func udpOverIPv4() async throws { try await exchange(.udp, host: "127.0.0.1") }
    @Test func udpOverIPv6() async throws { try await exchange(.udp, host: "::1") }
    @Test func tcpOverIPv4() async throws { try await exchange(.tcp, host: "127.0.0.1") }
    @Test func tcpOverIPv6() async throws { try await exchange(.tcp, host: "::1") }

    @Test func tcpConnectionsAreReusedAndResponsesComeBackOnThem() async throws {
        let pair = try LayerPair.make()
        defer { Task { await pair.shutdown() } }
        let server = try await pair.server.listen(.tcp, on: .ipv4("127.0.0.1", 0))
        // The client does not listen on TCP at all: the response can only come back on the connection.
        for n in 1...3 {
            _ = try await pair.client.send(makeOptions(to: "sip:bob@\(server)", callID: "reuse-\(n)", cseq: n), to: .tcp(server))
            let response = try #require(await pair.clientInbox.next())
            #expect(response.message.callID == "reuse-\(n)")
        }
        let connections = await pair.client.openConnections()
        #expect(connections.count == 1)
        #expect(connections.first?.remote == server)
        #expect(await pair.server.openConnections().count == 1)
    }

    @Test func aLargeUDPRequestGoesOverTCP() async throws {
        let pair = try LayerPair.make()
        defer { Task { await pair.shutdown() } }
        let udp = try await pair.server.listen(.udp, on: .ipv4("127.0.0.1", 0))
        _ = try await pair.server.listen(.tcp, on: udp)
        let sent = try await pair.client.send(makeOptions(to: "sip:bob@\(udp)", callID: "large", padding: 1500), to: .udp(udp))
        #expect(sent.transport == .tcp)
        #expect(sent.message.topVia?.transport == "TCP")
        #expect(sent.bytes.count > 1300)
        let request = try #require(await pair.responder.received.next())
        #expect(request.source.transport == .tcp)
        let response = try #require(await pair.clientInbox.next())
        #expect(response.message.statusCode == 200)
    }

    @Test func aRetransmissionKeepsItsVia() async throws {
        let pair = try LayerPair.make()
        defer { Task { await pair.shutdown() } }
        let server = try await pair.server.listen(.udp, on: .ipv4("127.0.0.1", 0))
        let first = try await pair.client.send(makeOptions(to: "sip:bob@\(server)", callID: "rtx"), to: .udp(server))
        let again = try await pair.client.send(first.message, to: .udp(server))
        #expect(again.bytes == first.bytes)
        #expect(again.message.vias.count == 1)
    }

    @Test func connectRefusedIsAClearError() async throws {
        let pair = try LayerPair.make()
        defer { Task { await pair.shutdown() } }
        let port = try await freePort()
        let error = await #expect(throws: SIPTransportError.self) {
            try await pair.client.send(makeOptions(to: "sip:bob@127.0.0.1:\(port)", callID: "refused"),
                                       to: .tcp(.ipv4("127.0.0.1", port)))
        }
        #expect(error?.kind == .connectFailed)
        #expect(error?.message == "cannot connect to TCP 127.0.0.1:\(port): connection refused (nothing listens there)")
    }

    @Test func sendingToAURIResolvesIt() async throws {
        let pair = try LayerPair.make()
        defer { Task { await pair.shutdown() } }
        let server = try await pair.server.listen(.udp, on: .ipv4("127.0.0.1", 0))
        // "localhost" with a port: A/AAAA only, through the system resolver (on the thread pool).
        let uri = try SIPURI(parsing: "sip:bob@localhost:\(server.port);transport=udp")
        let targets = try await pair.client.resolve(uri)
        #expect(targets.contains(SIPTransportTarget(transport: .udp, address: server, allowsTCPForLargeRequests: false)))
        _ = try await pair.client.send(makeOptions(to: uri.description, callID: "by-uri"),
                                       toURI: try SIPURI(parsing: "sip:bob@127.0.0.1:\(server.port)"))
        #expect(await pair.clientInbox.next()?.message.statusCode == 200)
    }

    @Test func hostilePeersDoNotHurtTheLayer() async throws {
        let pair = try LayerPair.make(serverConfiguration: {
            var configuration = SIPTransportConfiguration()
            configuration.maximumMessageSize = 4096
            return configuration
        }())
        defer { Task { await pair.shutdown() } }
        let udp = try await pair.server.listen(.udp, on: .ipv4("127.0.0.1", 0))
        let tcp = try await pair.server.listen(.tcp, on: .ipv4("127.0.0.1", 0))
        let group = MultiThreadedEventLoopGroup.singleton

        // Garbage and an oversized datagram: dropped and logged.
        let raw = try await DatagramBootstrap(group: group).bind(host: "127.0.0.1", port: 0).get()
        let destination = try SocketAddress(ipAddress: "127.0.0.1", port: udp.port)
        try await raw.writeAndFlush(AddressedEnvelope(remoteAddress: destination, data: ByteBuffer(string: "\u{01}\u{02}garbage\r\n\r\n"))).get()
        try await raw.writeAndFlush(AddressedEnvelope(remoteAddress: destination,
                                                      data: ByteBuffer(repeating: 0x41, count: 60_000))).get()
        try await raw.close()

        // Garbage on a stream: that connection is closed.
        let hostile = try await ClientBootstrap(group: group).connect(host: "127.0.0.1", port: tcp.port).get()
        try await hostile.writeAndFlush(ByteBuffer(string: "GET / HTTP/1.1\r\nHost: evil\r\n\r\n")).get()
        try await hostile.closeFuture.get()

        // A stream that announces a huge body: closed too.
        let huge = try await ClientBootstrap(group: group).connect(host: "127.0.0.1", port: tcp.port).get()
        try await huge.writeAndFlush(ByteBuffer(string: "OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nContent-Length: 999999\r\n\r\n")).get()
        try await huge.closeFuture.get()

        // A half-open connection (connected, says nothing) does not stop the others.
        let silent = try await ClientBootstrap(group: group).connect(host: "127.0.0.1", port: tcp.port).get()

        // The layer still answers.
        _ = try await pair.client.send(makeOptions(to: "sip:bob@\(udp)", callID: "after-garbage"), to: .udp(udp))
        #expect(await pair.clientInbox.next()?.message.callID == "after-garbage")
        _ = try await pair.client.send(makeOptions(to: "sip:bob@\(tcp)", callID: "after-garbage-tcp"), to: .tcp(tcp))
        #expect(await pair.clientInbox.next()?.message.callID == "after-garbage-tcp")
        try await silent.close()

        let dropped = pair.serverLog.all.compactMap { entry -> String? in
            if case let .dropped(reason) = entry.kind { return reason }
            return nil
        }
        #expect(dropped.contains { $0.hasPrefix("malformed:") })
        #expect(dropped.contains { $0.contains("a datagram of 60000 octets is larger than the limit of 4096") })
        #expect(dropped.contains { $0.contains("cannot frame the stream") })
        #expect(dropped.contains { $0.contains("larger than the limit of 4096") && $0.contains("cannot frame") })
    }

    @Test func keepAlivePingsGetPongs() async throws {
        let events = Inbox()
        let pongs = NIOLockedBox()
        let server = try SIPTransportLayer(eventLoop: MultiThreadedEventLoopGroup.singleton.next(), onMessage: { _ in })
        let client = try SIPTransportLayer(eventLoop: MultiThreadedEventLoopGroup.singleton.next(), onMessage: { events.put($0) },
                                           onEvent: { event in if case .keepAlivePong = event { pongs.increment() } })
        defer { Task { await client.shutdown(); await server.shutdown() } }
        let address = try await server.listen(.tcp, on: .ipv6("::1", 0))
        let sent = try await client.send(makeOptions(to: "sip:bob@\(address)", callID: "ka"), to: .tcp(address))
        let connection = try #require(sent.connection)
        try await client.sendKeepAlivePing(on: connection)
        for _ in 0..<100 where pongs.value == 0 { try await Task.sleep(for: .milliseconds(20)) }
        #expect(pongs.value == 1)
    }

    @Test func udpRoundTripTime() async throws {
        let pair = try LayerPair.make()
        defer { Task { await pair.shutdown() } }
        let server = try await pair.server.listen(.udp, on: .ipv4("127.0.0.1", 0))
        var samples: [Duration] = []
        let clock = ContinuousClock()
        for n in 1...200 {
            let start = clock.now
            _ = try await pair.client.send(makeOptions(to: "sip:bob@\(server)", callID: "rtt-\(n)", cseq: n), to: .udp(server))
            let response = try #require(await pair.clientInbox.next())
            #expect(response.message.callID == "rtt-\(n)")
            samples.append(clock.now - start)
            _ = await pair.responder.received.next(within: .seconds(1))
        }
        samples.sort()
        print("UDP loopback OPTIONS→200 round trip over 200 exchanges: median \(samples[100]), p90 \(samples[180]), max \(samples[199])")
        #expect(samples[100] < .milliseconds(50))
    }
}

/// A counter that any thread may bump.
final class NIOLockedBox: Sendable {
    private let count = NIOLockedValueBox(0)
    func increment() { count.withLockedValue { $0 += 1 } }
    var value: Int { count.withLockedValue { $0 } }
}
