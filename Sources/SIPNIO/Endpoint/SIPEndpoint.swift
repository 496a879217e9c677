import NIOCore
import NIOPosix
import SIPCore
import SIPTransaction

/// A SIP endpoint's transaction and transport layers, run together on ONE event loop:
/// RFC 3261 §17 transactions (`SIPTransactionLayer`, sans-IO) over §18 transports
/// (`SIPTransportLayer`, real sockets). The transaction user above — the user agent —
/// sends requests and gets each one's events, and answers the requests that arrive.
///
/// How the two layers meet, all on `eventLoop` (no locks around protocol state):
/// - the layer's `.send` for a client transaction goes to the target fixed when the
///   transaction started (given, or resolved from a URI by RFC 3263); for a server
///   transaction it goes back by §18.2.2 (`SIPTransportLayer.respond(_:to:)`);
/// - `.arm`/`.cancel` become `SIPLoopTimers` tasks; a timer already due fires on the
///   loop's next turn;
/// - a failed send becomes `transportError(for:)`; a received message becomes
///   `receive(_:reliability:)`, with the reliability of the transport it came over;
/// - `now` is the loop's monotonic clock (`NIODeadline`) since the endpoint started, as
///   a `SIPInstant`: the transaction layer never reads a clock itself;
/// - every message sent or received goes to the configured log sink with the name of
///   the transaction it belongs to and that transaction's state.
public final class SIPEndpoint: Sendable {
    /// What the endpoint tells the transaction user, on the loop.
    public struct Handlers: Sendable {
        /// A request that started a server transaction; answer with `respond(with:)`.
        public var onRequest: @Sendable (SIPServerTransaction) -> Void
        /// Later events of server transactions: an ACK matched in Accepted (RFC 6026),
        /// Timer H, a transport error, `terminated`.
        public var onServerEvent: @Sendable (SIPTransactionKey, SIPTransactionEvent) -> Void
        /// A received message of no transaction: a 2xx retransmitted after Timer M or
        /// from another fork, the ACK for a 2xx (§17.1.1.3, §17.2.3). The user agent's.
        public var onStray: @Sendable (SIPInboundMessage) -> Void
        /// A received message the transaction layer could not match (no Via, no CSeq…),
        /// dropped, with the reason.
        public var onDropped: @Sendable (SIPInboundMessage, String) -> Void

        /// With no `onRequest`, every request is answered 501 Not Implemented.
        public init(
            onRequest: @escaping @Sendable (SIPServerTransaction) -> Void = { _ = $0.respond(status: 501, toTag: "dialtone-501") },
            onServerEvent: @escaping @Sendable (SIPTransactionKey, SIPTransactionEvent) -> Void = { _, _ in },
            onStray: @escaping @Sendable (SIPInboundMessage) -> Void = { _ in },
            onDropped: @escaping @Sendable (SIPInboundMessage, String) -> Void = { _, _ in }
        ) {
            self.onRequest = onRequest
            self.onServerEvent = onServerEvent
            self.onStray = onStray
            self.onDropped = onDropped
        }
    }

    /// The one loop the endpoint, its transactions, transport and timers run on.
    public let eventLoop: any EventLoop
    /// The transports under the transactions (listen through it, or `listen` here).
    public let transport: SIPTransportLayer
    public let timerValues: SIPTimerValues
    let machine: NIOLoopBoundBox<SIPEndpointMachine>

    /// - Parameters:
    ///   - timerValues: T1, T2, T4 (tests use a small T1).
    ///   - configuration: the transport's; its `logSink` receives every message with its
    ///     transaction's name and state (the endpoint fills `transactionKey` itself).
    /// - Throws: as `SIPTransportLayer.init` (a TLS file that cannot be used).
    public init(
        eventLoop: any EventLoop,
        timerValues: SIPTimerValues = SIPTimerValues(),
        configuration: SIPTransportConfiguration = SIPTransportConfiguration(),
        resolver: SIPTargetResolver = SIPTargetResolver(),
        threadPool: NIOThreadPool = .singleton,
        handlers: Handlers = Handlers()
    ) throws(SIPTransportError) {
        let machine = NIOLoopBoundBox.makeBoxSendingValue(
            SIPEndpointMachine(eventLoop: eventLoop, timerValues: timerValues, handlers: handlers), eventLoop: eventLoop)
        var configuration = configuration
        configuration.logSink = SIPEndpointLogSink(next: configuration.logSink, machine: machine)
        configuration.transactionKey = { message in machine.value.transactionName(for: message) }
        let transport = try SIPTransportLayer(
            eventLoop: eventLoop, configuration: configuration, resolver: resolver, threadPool: threadPool,
            onMessage: { inbound in machine.value.received(inbound) })
        self.eventLoop = eventLoop
        self.transport = transport
        self.timerValues = timerValues
        self.machine = machine
        // Everything that reaches the machine runs on the loop after this (listening
        // included), so no message can arrive before the link is made.
        let link: @Sendable () -> Void = {
            machine.value.transport = transport
            machine.value.ownBox = machine
        }
        if eventLoop.inEventLoop { link() } else { eventLoop.execute(link) }
    }

    // MARK: Listening

    /// Opens a socket for `transport` on `address` (port 0: any free port); see
    /// `SIPTransportLayer.listen`.
    public func listen(_ transport: SIPTransport, on address: SIPAddress, advertising host: String? = nil) async throws -> SIPAddress {
        try await self.transport.listen(transport, on: address, advertising: host)
    }

    // MARK: Requests in transactions

    /// Starts a client transaction for `request` to `hop`, and calls `onEvent` on the
    /// loop with its events (`SIPClientTransactionEvent`), `started` first and
    /// `terminated` (or `failedToStart`) last. The request's top Via gets a fresh branch
    /// unless it carries an RFC 3261 one already.
    public func sendRequest(_ request: SIPMessage, to hop: SIPNextHop,
                            onEvent: @escaping @Sendable (SIPClientTransactionEvent) -> Void) {
        let machine = self.machine
        if eventLoop.inEventLoop {
            machine.value.start(request, to: hop, onEvent: onEvent)
        } else {
            eventLoop.execute { machine.value.start(request, to: hop, onEvent: onEvent) }
        }
    }

    /// `sendRequest(_:to:onEvent:)` as a stream, which ends after `terminated` (or
    /// `failedToStart`).
    public func sendRequest(_ request: SIPMessage, to hop: SIPNextHop) -> AsyncStream<SIPClientTransactionEvent> {
        let (stream, continuation) = AsyncStream<SIPClientTransactionEvent>.makeStream()
        sendRequest(request, to: hop) { event in
            continuation.yield(event)
            if event.isLast { continuation.finish() }
        }
        return stream
    }

    // MARK: Messages outside any transaction

    /// Sends `message` outside any transaction: the ACK for a 2xx (§13.2.2.4), which
    /// the user agent builds and retransmits itself. A request without an RFC 3261
    /// branch in its top Via gets a new one.
    public func send(_ message: SIPMessage, to hop: SIPNextHop) async throws -> SIPSentMessage {
        switch hop {
        case let .target(target): try await transport.send(message, to: target)
        case let .uri(uri, outboundProxy): try await transport.send(message, toURI: uri, outboundProxy: outboundProxy)
        }
    }

    // MARK: Looking at transactions

    /// The live transactions and their states.
    public func transactions() async -> [(SIPTransactionKey, SIPTransactionState)] {
        let machine = self.machine
        let snapshot = try? await eventLoop.submit { () -> [TransactionSnapshot] in
            let layer = machine.value.layer
            return layer.keys.compactMap { key in layer.state(of: key).map { TransactionSnapshot(key: key, state: $0) } }
        }.get()
        return (snapshot ?? []).map { ($0.key, $0.state) }
    }

    /// Stops every timer, ends every client transaction (`transportError`, then
    /// `terminated`), and closes the transports.
    public func shutdown() async {
        let machine = self.machine
        try? await eventLoop.submit { machine.value.shutDown() }.get()
        await transport.shutdown()
    }
}

struct TransactionSnapshot: Sendable {
    var key: SIPTransactionKey
    var state: SIPTransactionState
}

/// The endpoint's wrapper around the configured log sink: adds the state of the
/// transaction an entry names. Called on the loop, as every log sink is.
///
/// A received message is held until the transaction layer has taken it, so its line
/// shows the state it led to (a 401 to a REGISTER: Completed), and it is still logged
/// before anything sent because of it (the ACK for that 401).
struct SIPEndpointLogSink: SIPLogSink {
    let next: (any SIPLogSink)?
    let machine: NIOLoopBoundBox<SIPEndpointMachine>

    func record(_ entry: SIPLogEntry) {
        guard let next else { return }
        guard machine.eventLoop.inEventLoop else { return next.record(entry) }
        if entry.direction == .received, entry.kind == .message, entry.transactionState == nil, entry.transactionKey != nil {
            machine.value.holdReceivedLogEntry(entry, for: next)
            return
        }
        var entry = entry
        if entry.transactionState == nil, let name = entry.transactionKey {
            entry.transactionState = machine.value.transactionState(named: name)
        }
        next.record(entry)
    }
}
