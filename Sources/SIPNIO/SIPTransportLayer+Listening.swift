import NIOCore
import NIOPosix
import NIOSSL

extension SIPTransportLayer {
    func listenOnLoop(_ transport: SIPTransport, on address: SIPAddress, advertising host: String?) -> EventLoopFuture<SIPAddress> {
        guard !state.value.isShutDown else { return eventLoop.makeFailedFuture(SIPTransportError.shutDown) }
        let socketAddress: SocketAddress
        do {
            socketAddress = try address.socketAddress()
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
        switch transport {
        case .udp:
            return bindUDP(socketAddress, advertising: host).map { [self] index in state.value.udpSockets[index].local }
        case .tcp, .tls:
            if transport == .tls {
                switch tls {
                case let .failure(error):
                    return eventLoop.makeFailedFuture(error)
                case let .success(contexts) where contexts.server == nil:
                    return eventLoop.makeFailedFuture(SIPTransportError(.tlsConfiguration,
                        "cannot listen on TLS without a certificate: set the certificate chain and private key files"))
                default:
                    break
                }
            }
            return bindStream(transport, socketAddress, advertising: host)
        }
    }

    /// Binds a UDP socket and gives its index in `udpSockets`.
    func bindUDP(_ socketAddress: SocketAddress, advertising host: String?) -> EventLoopFuture<Int> {
        DatagramBootstrap(group: eventLoop)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            // One datagram may be a whole 64 KiB message: read it whole, never cut.
            .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: 65_536))
            .channelOption(.maxMessagesPerRead, value: 16)
            .channelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(SIPDatagramHandler(layer: self))
                }
            }
            .bind(to: socketAddress)
            .flatMapErrorThrowing { error in
                throw SIPTransportError(.bindFailed, "cannot listen on UDP \(SIPAddress(socketAddress: socketAddress)?.description ?? "\(socketAddress)"): \(Self.describeIOError(error))")
            }
            .flatMapThrowing { [self] channel in
                guard let local = channel.localAddress.flatMap(SIPAddress.init(socketAddress:)) else {
                    channel.close(promise: nil)
                    throw SIPTransportError(.bindFailed, "the UDP socket has no local address")
                }
                if state.value.isShutDown {
                    channel.close(promise: nil)
                    throw SIPTransportError.shutDown
                }
                state.value.udpSockets.append(.init(channel: channel, local: local, advertisedHost: host))
                return state.value.udpSockets.count - 1
            }
    }

    func bindStream(_ transport: SIPTransport, _ socketAddress: SocketAddress, advertising host: String?) -> EventLoopFuture<SIPAddress> {
        ServerBootstrap(group: eventLoop)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 128)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    try acceptConnection(channel, transport: transport)
                }
            }
            .bind(to: socketAddress)
            .flatMapErrorThrowing { error in
                throw SIPTransportError(.bindFailed, "cannot listen on \(transport) \(SIPAddress(socketAddress: socketAddress)?.description ?? "\(socketAddress)"): \(Self.describeIOError(error))")
            }
            .flatMapThrowing { [self] channel in
                guard let local = channel.localAddress.flatMap(SIPAddress.init(socketAddress:)) else {
                    channel.close(promise: nil)
                    throw SIPTransportError(.bindFailed, "the \(transport) socket has no local address")
                }
                if state.value.isShutDown {
                    channel.close(promise: nil)
                    throw SIPTransportError.shutDown
                }
                state.value.streamListeners.append(.init(transport: transport, channel: channel, local: local, advertisedHost: host))
                return local
            }
    }

    /// Sets up an accepted connection, or refuses it beyond the connection limit.
    func acceptConnection(_ channel: any Channel, transport: SIPTransport) throws {
        let current = state.value
        guard !current.isShutDown, current.inboundConnections < configuration.maximumInboundConnections else {
            throw SIPTransportError(.connectionClosed, "refused a connection: \(configuration.maximumInboundConnections) are open already")
        }
        current.inboundConnections += 1
        channel.closeFuture.whenComplete { [self] _ in state.value.inboundConnections -= 1 }
        let id = current.allocateConnectionID()
        try configureStreamPipeline(channel, id: id, transport: transport, isInbound: true,
                                    serverName: nil, remote: channel.remoteAddress.flatMap(SIPAddress.init(socketAddress:)),
                                    ready: nil)
    }

    /// The handlers of a TCP or TLS connection, either way.
    func configureStreamPipeline(_ channel: any Channel, id: SIPConnectionID, transport: SIPTransport, isInbound: Bool,
                                 serverName: String?, remote: SIPAddress?, ready: EventLoopPromise<Void>?) throws {
        let pipeline = channel.pipeline.syncOperations
        if transport == .tls {
            let contexts = try tls.get()
            if isInbound {
                guard let server = contexts.server else {
                    throw SIPTransportError(.tlsConfiguration, "no server certificate")
                }
                try pipeline.addHandler(NIOSSLServerHandler(context: server))
            } else {
                // SNI carries names only: for an IP address NIOSSL checks the
                // certificate against the address the socket is connected to.
                let name = serverName.flatMap { IPAddressText.isLiteral($0) ? nil : $0 }
                try pipeline.addHandler(NIOSSLClientHandler(context: contexts.client, serverHostname: name))
            }
        }
        if let idle = configuration.idleTimeout {
            try pipeline.addHandler(IdleStateHandler(allTimeout: .nanoseconds(SIPLoopTimers.nanoseconds(idle))))
        }
        try pipeline.addHandler(SIPStreamFramingHandler(maximumMessageSize: configuration.maximumMessageSize, remote: remote))
        try pipeline.addHandler(SIPStreamConnectionHandler(layer: self, id: id, transport: transport, isInbound: isInbound,
                                                           serverName: serverName, ready: ready))
    }

    func shutdownOnLoop() -> EventLoopFuture<Void> {
        let current = state.value
        current.isShutDown = true
        var channels: [any Channel] = current.udpSockets.map(\.channel) + current.streamListeners.map(\.channel)
        channels += current.connections.values.map(\.channel)
        channels += current.connecting.values
        current.udpSockets.removeAll()
        current.streamListeners.removeAll()
        let closes = channels.map { channel in
            channel.close().recover { _ in }   // already closed is fine
        }
        return EventLoopFuture.andAllComplete(closes, on: eventLoop)
    }
}
