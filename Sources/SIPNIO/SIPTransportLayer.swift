import NIOCore
import NIOPosix
import SIPCore

/// The transport layer of the SIP stack (RFC 3261 §18) on SwiftNIO: UDP, TCP and TLS
/// sockets, listening and connecting, over IPv4 and IPv6.
///
/// **Why an event-loop-bound class and not an actor.** The stack's protocol state (the
/// transactions above, this layer's sockets and connections) lives on ONE event loop:
/// channel handlers already run there, and timers fire there. An actor would run on its
/// own executor and every received datagram would hop off the loop and back. So the
/// layer is a `final class` whose mutable state sits in a `NIOLoopBoundBox` (checked on
/// every access to be on `eventLoop`; no locks), and whose public methods either run on
/// the loop (the `promise:` forms, for code already there such as the transaction
/// layer) or hop to it (the `async` forms). It is `Sendable` because everything it
/// holds is either immutable and Sendable or inside that box.
///
/// **Inbound.** Every message received is framed (datagram or stream), a request's top
/// Via gets `received`/`rport` (§18.2.1, RFC 3581 §4), it is logged, and `onMessage`
/// is called on the loop. Malformed and oversized input is logged and dropped (a
/// datagram) or closes its connection (a stream); nothing ends the process.
///
/// **Outbound.** `send(_:to:)` writes a request's top Via (transport, sent-by, branch,
/// `;rport`), moves a UDP request too large for a datagram to TCP (§18.1.1), reuses a
/// TCP/TLS connection per (transport, address, TLS name) or opens one, and logs.
/// `respond(_:to:)` routes a response by §18.2.2. `send(_:toURI:)` resolves a URI by
/// RFC 3263 on a thread pool and tries the targets in order.
public final class SIPTransportLayer: Sendable {
    /// The one loop everything of this layer runs on.
    public let eventLoop: any EventLoop
    public let configuration: SIPTransportConfiguration
    public let resolver: SIPTargetResolver
    /// Timers on `eventLoop`, for the transaction layer.
    public let timers: SIPLoopTimers

    let threadPool: NIOThreadPool
    let tls: Result<SIPTLSContexts, SIPTransportError>
    let onMessage: @Sendable (SIPInboundMessage) -> Void
    let onEvent: @Sendable (SIPTransportEvent) -> Void
    let state: NIOLoopBoundBox<SIPTransportState>

    /// - Parameters:
    ///   - eventLoop: the loop the whole layer runs on (take one from a
    ///     `MultiThreadedEventLoopGroup`).
    ///   - threadPool: where blocking name look-ups run (never on the loop).
    ///   - onMessage: every message received, on the loop.
    ///   - onEvent: connections opened and closed, keep-alive pongs, on the loop.
    /// - Throws: when an explicitly configured TLS file (CA, certificate, key) cannot be
    ///   used, naming the file and the problem.
    public init(
        eventLoop: any EventLoop,
        configuration: SIPTransportConfiguration = SIPTransportConfiguration(),
        resolver: SIPTargetResolver = SIPTargetResolver(),
        threadPool: NIOThreadPool = .singleton,
        onMessage: @escaping @Sendable (SIPInboundMessage) -> Void,
        onEvent: @escaping @Sendable (SIPTransportEvent) -> Void = { _ in }
    ) throws(SIPTransportError) {
        self.eventLoop = eventLoop
        self.configuration = configuration
        self.resolver = resolver
        self.timers = SIPLoopTimers(eventLoop: eventLoop)
        self.threadPool = threadPool
        self.onMessage = onMessage
        self.onEvent = onEvent
        let settings = configuration.tls
        do {
            self.tls = .success(try SIPTLSContexts(settings))
        } catch {
            // A file the user named must work, and they hear about it now; the system's
            // defaults failing only matters once TLS is used.
            if settings.caFile != nil || settings.certificateChainFile != nil || settings.privateKeyFile != nil {
                throw error
            }
            self.tls = .failure(error)
        }
        self.state = NIOLoopBoundBox.makeBoxSendingValue(
            SIPTransportState(random: configuration.makeRandomGenerator()), eventLoop: eventLoop)
    }

    // MARK: Running code on the loop

    /// Runs `body` on the loop (at once when already there) and gives its future.
    func onLoop<Value: Sendable>(_ body: @escaping @Sendable () -> EventLoopFuture<Value>) -> EventLoopFuture<Value> {
        if eventLoop.inEventLoop { return body() }
        return eventLoop.flatSubmit(body)
    }

    // MARK: Listening

    /// Opens a socket for `transport` on `address` (port 0: any free port) and returns
    /// the address it is bound to. `advertising` is the host to write in Via sent-by
    /// (a public name or address) when the bound one is not how peers reach us; for a
    /// wildcard bind without it, the local address toward each destination is used.
    public func listen(_ transport: SIPTransport, on address: SIPAddress, advertising host: String? = nil) async throws -> SIPAddress {
        try await onLoop { self.listenOnLoop(transport, on: address, advertising: host) }.get()
    }

    /// `listen` for code on the loop.
    public func listen(_ transport: SIPTransport, on address: SIPAddress, advertising host: String? = nil,
                       promise: EventLoopPromise<SIPAddress>?) {
        let future = onLoop { self.listenOnLoop(transport, on: address, advertising: host) }
        if let promise { future.cascade(to: promise) }
    }

    /// The addresses this layer listens on, by transport.
    public func listeningAddresses() async -> [(SIPTransport, SIPAddress)] {
        (try? await onLoop { [self] in
            let snapshot = state.value.udpSockets.map { ListeningAddress(transport: .udp, address: $0.local) }
                + state.value.streamListeners.map { ListeningAddress(transport: $0.transport, address: $0.local) }
            return eventLoop.makeSucceededFuture(snapshot)
        }.get().map { ($0.transport, $0.address) }) ?? []
    }

    // MARK: Sending

    /// Sends `message` to `target`. A request's top Via is written here: `branch` if
    /// given, else the branch of the request's own top Via, else a new one.
    ///
    /// Fails with a `SIPTransportError` (connect refused, TLS certificate not trusted,
    /// message too large…): the transaction layer's "transport error".
    public func send(_ message: SIPMessage, to target: SIPTransportTarget, branch: String? = nil,
                     transactionKey: String? = nil) async throws -> SIPSentMessage {
        try await onLoop { self.sendOnLoop(message, to: target, branch: branch, transactionKey: transactionKey) }.get()
    }

    /// `send` for code on the loop: completes `promise` on the loop. `transactionState`
    /// goes into the log entry as is: the state the transaction was in when it sent this
    /// (the write completes later, when the state may have moved on).
    public func send(_ message: SIPMessage, to target: SIPTransportTarget, branch: String? = nil,
                     transactionKey: String? = nil, transactionState: String? = nil, promise: EventLoopPromise<SIPSentMessage>?) {
        let future = onLoop {
            self.sendOnLoop(message, to: target, branch: branch, transactionKey: transactionKey, transactionState: transactionState)
        }
        if let promise { future.cascade(to: promise) }
    }

    /// Resolves `uri` (or `outboundProxy`, when given: it is then the next hop) by
    /// RFC 3263 and sends to the first target that takes the message, trying the next on
    /// a transport failure (§4.3). A SIPS request-URI makes the hop TLS.
    public func send(_ message: SIPMessage, toURI uri: SIPURI, outboundProxy: SIPURI? = nil, branch: String? = nil,
                     transactionKey: String? = nil) async throws -> SIPSentMessage {
        try await onLoop {
            self.sendToURIOnLoop(message, uri: uri, outboundProxy: outboundProxy, branch: branch, transactionKey: transactionKey)
        }.get()
    }

    /// `send(_:toURI:)` for code on the loop.
    public func send(_ message: SIPMessage, toURI uri: SIPURI, outboundProxy: SIPURI? = nil, branch: String? = nil,
                     transactionKey: String? = nil, promise: EventLoopPromise<SIPSentMessage>?) {
        let future = onLoop {
            self.sendToURIOnLoop(message, uri: uri, outboundProxy: outboundProxy, branch: branch, transactionKey: transactionKey)
        }
        if let promise { future.cascade(to: promise) }
    }

    /// Sends a response to the source of `request` by §18.2.2 (`SIPResponseTarget`).
    public func respond(_ response: SIPMessage, to request: SIPInboundMessage, transactionKey: String? = nil) async throws -> SIPSentMessage {
        try await onLoop { self.respondOnLoop(response, to: request, transactionKey: transactionKey) }.get()
    }

    /// `respond` for code on the loop (`transactionState` as for `send`).
    public func respond(_ response: SIPMessage, to request: SIPInboundMessage, transactionKey: String? = nil,
                        transactionState: String? = nil, promise: EventLoopPromise<SIPSentMessage>?) {
        let future = onLoop {
            self.respondOnLoop(response, to: request, transactionKey: transactionKey, transactionState: transactionState)
        }
        if let promise { future.cascade(to: promise) }
    }

    /// The RFC 3263 targets for `uri`, looked up on the thread pool.
    public func resolve(_ uri: SIPURI) async throws -> [SIPTransportTarget] {
        try await resolveFuture(SIPTargetPlan.plan(for: uri), what: uri.description).get()
    }

    /// Sends a double-CRLF keep-alive ping on a connection (RFC 5626 §4.4.1); the pong
    /// arrives as `SIPTransportEvent.keepAlivePong`.
    public func sendKeepAlivePing(on connection: SIPConnectionID) async throws {
        try await onLoop { self.pingOnLoop(connection) }.get()
    }

    /// Closes one connection.
    public func close(_ connection: SIPConnectionID) async {
        try? await onLoop { [self] () -> EventLoopFuture<Void> in
            guard let channel = state.value.connections[connection]?.channel else { return eventLoop.makeSucceededVoidFuture() }
            return channel.close()
        }.get()
    }

    /// The connections open now.
    public func openConnections() async -> [SIPConnectionInfo] {
        (try? await onLoop { [self] in
            eventLoop.makeSucceededFuture(state.value.connections.values.map(\.info).sorted { $0.id < $1.id })
        }.get()) ?? []
    }

    /// Closes every socket and connection. Sends after this fail with `.shutDown`.
    public func shutdown() async {
        try? await onLoop { self.shutdownOnLoop() }.get()
    }
}

/// A (transport, address) pair that can cross to another thread.
struct ListeningAddress: Sendable {
    var transport: SIPTransport
    var address: SIPAddress
}
