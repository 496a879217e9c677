import NIOCore
import NIOPosix
import SIPCore

extension SIPTransportLayer {
    /// The most a UDP datagram can carry over IPv4 (65535 less the IP and UDP headers).
    static let maximumDatagramSize = 65_507

    func sendOnLoop(_ message: SIPMessage, to target: SIPTransportTarget, branch: String?,
                    transactionKey: String?, transactionState: String? = nil) -> EventLoopFuture<SIPSentMessage> {
        guard !state.value.isShutDown else { return eventLoop.makeFailedFuture(SIPTransportError.shutDown) }
        switch target.transport {
        case .udp: return sendDatagram(message, to: target, branch: branch, transactionKey: transactionKey, transactionState: transactionState)
        case .tcp, .tls: return sendOnStream(message, to: target, branch: branch, transactionKey: transactionKey, transactionState: transactionState)
        }
    }

    // MARK: UDP

    func sendDatagram(_ message: SIPMessage, to target: SIPTransportTarget, branch: String?,
                      transactionKey: String?, transactionState: String? = nil) -> EventLoopFuture<SIPSentMessage> {
        let destination: SocketAddress
        do {
            destination = try target.address.socketAddress()
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
        return udpSocket(for: target).flatMap { [self] index -> EventLoopFuture<SIPSentMessage> in
            let sockets = state.value.udpSockets
            guard !state.value.isShutDown, sockets.indices.contains(index) else {
                return eventLoop.makeFailedFuture(SIPTransportError.shutDown)
            }
            let socket = sockets[index]
            var prepared = message
            if message.isRequest {
                let sentBy = sentBy(advertised: socket.advertisedHost, bound: socket.local, toward: target.address)
                prepared = stampRequest(message, transport: .udp, sentByHost: sentBy, sentByPort: socket.local.port, branch: branch)
            }
            let bytes = prepared.serialized()
            let outgoing = prepared
            if message.isRequest,
               SIPRequestSizeRule.transport(forRequestOfSize: bytes.count, chosen: .udp, pathMTU: configuration.pathMTU,
                                            targetAllowsTCP: target.allowsTCPForLargeRequests) == .tcp {
                // §18.1.1: too large for a datagram; the Via's transport becomes TCP, its branch stays.
                var overTCP = target
                overTCP.transport = .tcp
                overTCP.localAddress = nil
                return sendOnStream(prepared, to: overTCP, branch: prepared.topVia?.branch, transactionKey: transactionKey, transactionState: transactionState)
            }
            let limit = min(configuration.maximumMessageSize, Self.maximumDatagramSize)
            guard bytes.count <= limit else {
                return eventLoop.makeFailedFuture(SIPTransportError.messageTooLarge(size: bytes.count, limit: limit, what: "the message"))
            }
            var buffer = socket.channel.allocator.buffer(capacity: bytes.count)
            buffer.writeBytes(bytes)
            let envelope = AddressedEnvelope(remoteAddress: destination, data: buffer)
            return socket.channel.writeAndFlush(envelope)
                .flatMapErrorThrowing { error in
                    throw SIPTransportError.sendFailed(target, reason: Self.describeIOError(error))
                }
                .map { [self] in
                    log(.sent, .message, transport: .udp, local: socket.local, remote: target.address, connection: nil,
                        bytes: bytes, transactionKey: transactionKey, transactionState: transactionState, message: outgoing)
                    return SIPSentMessage(message: outgoing, transport: .udp, local: socket.local, remote: target.address,
                                          connection: nil, bytes: bytes)
                }
        }
    }

    /// The index of the UDP socket to send from: the one bound to `target.localAddress`,
    /// else the first of the destination's family, else a new one on an ephemeral port
    /// (which then also receives the responses).
    func udpSocket(for target: SIPTransportTarget) -> EventLoopFuture<Int> {
        let sockets = state.value.udpSockets
        if let wanted = target.localAddress, let index = sockets.firstIndex(where: { $0.local == wanted }) {
            return eventLoop.makeSucceededFuture(index)
        }
        let ipv6 = target.address.isIPv6
        if let index = sockets.firstIndex(where: { $0.local.isIPv6 == ipv6 }) {
            return eventLoop.makeSucceededFuture(index)
        }
        if let pending = state.value.pendingUDP[ipv6] { return pending }
        let wildcard = SIPAddress(host: ipv6 ? "::" : "0.0.0.0", port: 0)
        let future: EventLoopFuture<Int>
        do {
            future = bindUDP(try wildcard.socketAddress(), advertising: nil)
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
        state.value.pendingUDP[ipv6] = future
        future.whenComplete { [self] _ in state.value.pendingUDP[ipv6] = nil }
        return future
    }

    // MARK: TCP, TLS

    func sendOnStream(_ message: SIPMessage, to target: SIPTransportTarget, branch: String?,
                      transactionKey: String?, transactionState: String? = nil) -> EventLoopFuture<SIPSentMessage> {
        connection(for: target).flatMap { [self] id -> EventLoopFuture<SIPSentMessage> in
            guard let connection = state.value.connections[id] else {
                return eventLoop.makeFailedFuture(SIPTransportError.connectionClosed(target.description))
            }
            let info = connection.info
            var prepared = message
            if message.isRequest {
                let (host, port) = streamSentBy(for: info)
                prepared = stampRequest(message, transport: info.transport, sentByHost: host, sentByPort: port, branch: branch)
            }
            let bytes = prepared.serialized()
            let outgoing = prepared
            guard bytes.count <= configuration.maximumMessageSize else {
                return eventLoop.makeFailedFuture(SIPTransportError.messageTooLarge(
                    size: bytes.count, limit: configuration.maximumMessageSize, what: "the message"))
            }
            var buffer = connection.channel.allocator.buffer(capacity: bytes.count)
            buffer.writeBytes(bytes)
            return connection.channel.writeAndFlush(buffer)
                .flatMapErrorThrowing { error in
                    throw SIPTransportError.sendFailed(target, reason: Self.describeIOError(error))
                }
                .map { [self] in
                    log(.sent, .message, transport: info.transport, local: info.local, remote: info.remote, connection: info.id,
                        bytes: bytes, transactionKey: transactionKey, transactionState: transactionState, message: outgoing)
                    return SIPSentMessage(message: outgoing, transport: info.transport, local: info.local, remote: info.remote,
                                          connection: info.id, bytes: bytes)
                }
        }
    }

    /// Via sent-by for a request on a connection: where we listen for that transport (a
    /// peer that must connect back finds us there), else the connection's own end.
    func streamSentBy(for info: SIPConnectionInfo) -> (String, Int) {
        if let listener = state.value.streamListeners.first(where: {
            $0.transport == info.transport && ($0.local.isIPv6 == info.local.isIPv6)
        }) {
            let host = listener.advertisedHost ?? (listener.local.isWildcard ? info.local.sipHost : listener.local.sipHost)
            return (host, listener.local.port)
        }
        return (info.local.sipHost, info.local.port)
    }

    /// The host for a Via sent-by: the advertised one, else the bound address, else (for a
    /// wildcard bind) the local address the system routes toward the destination.
    func sentBy(advertised: String?, bound: SIPAddress, toward destination: SIPAddress) -> String {
        if let advertised { return advertised }
        if !bound.isWildcard { return bound.sipHost }
        if let host = SIPRouteProbe.localHost(toward: destination) { return SIPAddress(host: host, port: 0).sipHost }
        return destination.isIPv6 ? "[::1]" : "127.0.0.1"
    }

    /// A request with its top Via written for this hop, the sent-by remembered for §18.1.2.
    func stampRequest(_ message: SIPMessage, transport: SIPTransport, sentByHost: String, sentByPort: Int, branch: String?) -> SIPMessage {
        let current = state.value
        let via = SIPViaStamp.outgoingVia(existing: message.firstViaLine.first, transport: transport,
                                          sentByHost: sentByHost, sentByPort: sentByPort,
                                          branch: branch, using: &current.random)
        current.sentBys.insert(via.sentBy.lowercased())
        return message.replacingTopVia(with: via)
    }

    /// A connection to `target`: the one named if it is open, else one open to the same
    /// place, else a connect under way, else a new one.
    func connection(for target: SIPTransportTarget) -> EventLoopFuture<SIPConnectionID> {
        let current = state.value
        if let id = target.connection, current.connections[id] != nil {
            return eventLoop.makeSucceededFuture(id)
        }
        let key = SIPTransportState.ConnectionKey(
            transport: target.transport, address: target.address,
            tlsServerName: target.transport == .tls ? target.tlsServerName?.lowercased() : nil)
        if let id = current.connectionByKey[key] { return eventLoop.makeSucceededFuture(id) }
        if let pending = current.pendingConnects[key] { return pending }
        let future = connect(key, target: target)
        current.pendingConnects[key] = future
        future.whenComplete { [self] _ in state.value.pendingConnects[key] = nil }
        return future
    }

    func connect(_ key: SIPTransportState.ConnectionKey, target: SIPTransportTarget) -> EventLoopFuture<SIPConnectionID> {
        let destination: SocketAddress
        do {
            destination = try target.address.socketAddress()
            if target.transport == .tls { _ = try tls.get() }
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
        let id = state.value.allocateConnectionID()
        let ready = eventLoop.makePromise(of: Void.self)
        let timeout = TimeAmount.nanoseconds(SIPLoopTimers.nanoseconds(configuration.connectTimeout))
        let connected = ClientBootstrap(group: eventLoop)
            .connectTimeout(timeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    try configureStreamPipeline(channel, id: id, transport: target.transport, isInbound: false,
                                                serverName: target.tlsServerName, remote: target.address, ready: ready)
                }
            }
            .connect(to: destination)
        connected.whenFailure { ready.fail($0) }
        connected.whenSuccess { [self] channel in
            state.value.connecting[id] = channel
            // The TLS handshake has the connect timeout too.
            let deadline = eventLoop.scheduleTask(in: timeout) {
                ready.fail(SIPTransportError.connectFailed(target, reason: "the TLS handshake did not finish within \(self.configuration.connectTimeout)"))
                channel.close(promise: nil)
            }
            ready.futureResult.whenComplete { [self] _ in
                deadline.cancel()
                state.value.connecting[id] = nil
            }
        }
        return ready.futureResult
            .flatMapErrorThrowing { error in
                if let transportError = error as? SIPTransportError {
                    if transportError.kind == .tlsHandshakeFailed || transportError.kind == .connectFailed { throw transportError }
                    throw SIPTransportError.connectFailed(target, reason: transportError.message)
                }
                throw SIPTransportError.connectFailed(target, reason: Self.describeIOError(error))
            }
            .map { id }
    }

    // MARK: Responses

    func respondOnLoop(_ response: SIPMessage, to request: SIPInboundMessage, transactionKey: String?, transactionState: String? = nil) -> EventLoopFuture<SIPSentMessage> {
        guard let via = response.topVia ?? request.message.topVia else {
            return eventLoop.makeFailedFuture(SIPTransportError.invalidMessage("the response has no Via to route it by (§18.2.2)"))
        }
        guard let routed = SIPResponseTarget.forResponse(topVia: via, sourceOfRequest: request.source) else {
            return eventLoop.makeFailedFuture(SIPTransportError.unsupportedTransport("the Via names transport \(via.transport), which Dialtone does not speak"))
        }
        // The request's connection, while it is open.
        if let id = routed.connection, state.value.connections[id] != nil {
            let target = SIPTransportTarget(transport: routed.transport, address: request.source.remote, connection: id)
            return sendOnLoop(response, to: target, branch: nil, transactionKey: transactionKey, transactionState: transactionState)
        }
        let plan = SIPTargetPlan.plan(forResponseTo: routed.host, port: routed.port, transport: routed.transport)
        return targets(for: plan, what: "the response's Via \(via.sentBy)").flatMap { [self] targets in
            let located = targets.map { target -> SIPTransportTarget in
                var target = target
                target.localAddress = routed.localAddress
                return target
            }
            return sendToFirst(response, of: located, branch: nil, transactionKey: transactionKey, transactionState: transactionState, failures: [])
        }
    }

    // MARK: URIs (RFC 3263)

    func sendToURIOnLoop(_ message: SIPMessage, uri: SIPURI, outboundProxy: SIPURI?, branch: String?,
                         transactionKey: String?, transactionState: String? = nil) -> EventLoopFuture<SIPSentMessage> {
        var hop = outboundProxy ?? uri
        if uri.isSecure { hop.isSecure = true }   // §26.2.2: a SIPS request goes over TLS on every hop
        let plan: SIPTargetPlan
        do {
            plan = try SIPTargetPlan.plan(for: hop)
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
        return targets(for: plan, what: hop.description).flatMap { [self] targets in
            sendToFirst(message, of: targets, branch: branch, transactionKey: transactionKey, transactionState: transactionState, failures: [])
        }
    }

    /// The targets of a plan: at once for a numeric host, else from the thread pool.
    func targets(for plan: SIPTargetPlan, what: String) -> EventLoopFuture<[SIPTransportTarget]> {
        if case let .numeric(target) = plan { return eventLoop.makeSucceededFuture([target]) }
        return resolveFuture(plan, what: what)
    }

    func resolveFuture(_ plan: SIPTargetPlan, what: String) -> EventLoopFuture<[SIPTransportTarget]> {
        let resolver = self.resolver
        let makeRandom = configuration.makeRandomGenerator
        return threadPool.runIfActive(eventLoop: eventLoop) {
            var random = makeRandom()
            return try resolver.run(plan, what: what, using: &random)
        }
    }

    /// §4.3 of RFC 3263: try each target until one takes the message.
    func sendToFirst(_ message: SIPMessage, of targets: [SIPTransportTarget], branch: String?, transactionKey: String?, transactionState: String? = nil,
                     failures: [String]) -> EventLoopFuture<SIPSentMessage> {
        guard let first = targets.first else {
            return eventLoop.makeFailedFuture(SIPTransportError(.connectFailed, "every target failed: \(failures.joined(separator: "; "))"))
        }
        return sendOnLoop(message, to: first, branch: branch, transactionKey: transactionKey, transactionState: transactionState).flatMapError { [self] error in
            let transportError = error as? SIPTransportError
            // Only a failure to reach this target moves on; a message that cannot be sent
            // anywhere (too large, shut down) fails at once.
            guard targets.count > 1, let kind = transportError?.kind,
                  kind == .connectFailed || kind == .tlsHandshakeFailed || kind == .sendFailed || kind == .connectionClosed else {
                if failures.isEmpty { return eventLoop.makeFailedFuture(error) }
                return eventLoop.makeFailedFuture(SIPTransportError(transportError?.kind ?? .sendFailed,
                    "every target failed: \((failures + ["\(error)"]).joined(separator: "; "))"))
            }
            return sendToFirst(message, of: Array(targets.dropFirst()), branch: branch, transactionKey: transactionKey, transactionState: transactionState,
                               failures: failures + ["\(error)"])
        }
    }

    // MARK: Keep-alive

    func pingOnLoop(_ id: SIPConnectionID) -> EventLoopFuture<Void> {
        guard let connection = state.value.connections[id] else {
            return eventLoop.makeFailedFuture(SIPTransportError.connectionClosed("connection \(id)"))
        }
        var buffer = connection.channel.allocator.buffer(capacity: 4)
        buffer.writeStaticString("\r\n\r\n")
        let info = connection.info
        return connection.channel.writeAndFlush(buffer).map { [self] in
            log(.sent, .keepAlivePing, transport: info.transport, local: info.local, remote: info.remote,
                connection: id, bytes: Array("\r\n\r\n".utf8), transactionKey: nil)
        }
    }
}
