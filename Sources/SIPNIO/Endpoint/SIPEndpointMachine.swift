import NIOCore
import SIPCore
import SIPTransaction

/// The mutable heart of a `SIPEndpoint`: the transaction layer, what each live
/// transaction needs from the transport (a client's fixed target, a server's request
/// source), the armed timers, and the callbacks upward. It lives in a `NIOLoopBoundBox`
/// and every method runs on the endpoint's loop, so the protocol state needs no lock.
///
/// The layer's outputs go through one queue, drained in order: a send that fails at
/// once, or a timer that is due, never runs a second layer step in the middle of the
/// first one's outputs (each step sees the state the previous one left).
final class SIPEndpointMachine {
    struct ClientContext {
        var target: SIPTransportTarget
        var onEvent: @Sendable (SIPClientTransactionEvent) -> Void
        var lastTransportError: String?
    }

    struct ServerContext {
        var inbound: SIPInboundMessage
        var handedUp = false
    }

    struct TimerSlot: Hashable {
        var key: SIPTransactionKey
        var timer: SIPTimer
    }

    /// What a received response is matched by (§17.1.3), for naming it in the log.
    struct ClientMatch: Hashable {
        var branch: String
        var method: SIPMethod
    }

    let eventLoop: any EventLoop
    let timers: SIPLoopTimers
    let handlers: SIPEndpoint.Handlers
    /// Set on the loop right after the endpoint made it; weak, because the transport's
    /// message callback holds this machine (the endpoint holds both strongly).
    weak var transport: SIPTransportLayer?
    var layer: SIPTransactionLayer
    var clients: [SIPTransactionKey: ClientContext] = [:]
    var servers: [SIPTransactionKey: ServerContext] = [:]
    var armed: [TimerSlot: SIPScheduledTimer] = [:]
    /// Live transactions by their log name (`SIPTransactionKey.description`).
    var names: [String: SIPTransactionKey] = [:]
    var clientNames: [ClientMatch: String] = [:]
    /// With each output, for a send, the state its layer step left the transaction in:
    /// what the log shows for it, however late the queue or the write gets to it.
    var queue: [(output: SIPTransactionLayer.Output, inbound: SIPInboundMessage?, state: String?)] = []
    var draining = false
    var isShutDown = false
    /// The log entry of the message `received(_:)` is about to take (SIPEndpointLogSink).
    var heldReceivedLogEntry: (entry: SIPLogEntry, sink: any SIPLogSink)?

    init(eventLoop: any EventLoop, timerValues: SIPTimerValues, handlers: SIPEndpoint.Handlers) {
        self.eventLoop = eventLoop
        self.timers = SIPLoopTimers(eventLoop: eventLoop)
        self.handlers = handlers
        self.layer = SIPTransactionLayer(timerValues: timerValues)
    }

    /// The loop's monotonic clock as the transaction layer's instant.
    var now: SIPInstant { SIPInstant(sinceOrigin: timers.now) }

    /// A handle on this machine that timer and future callbacks can carry.
    var bound: NIOLoopBound<SIPEndpointMachine> { NIOLoopBound(self, eventLoop: eventLoop) }

    // MARK: Client transactions

    func start(_ request: SIPMessage, to hop: SIPNextHop, onEvent: @escaping @Sendable (SIPClientTransactionEvent) -> Void) {
        guard !isShutDown, let transport else {
            onEvent(.failedToStart("the endpoint is shut down"))
            return
        }
        let bound = self.bound
        target(for: hop, transport: transport).whenComplete { result in
            switch result {
            case let .success(target): bound.value.start(request, target: target, onEvent: onEvent)
            case let .failure(error): onEvent(.failedToStart("\(hop) could not be resolved: \(error)"))
            }
        }
    }

    /// The one target a client transaction keeps for its life: given, or the first that
    /// RFC 3263 gives for the URI.
    func target(for hop: SIPNextHop, transport: SIPTransportLayer) -> EventLoopFuture<SIPTransportTarget> {
        switch hop {
        case let .target(target):
            return eventLoop.makeSucceededFuture(target)
        case let .uri(uri, outboundProxy):
            var hop = outboundProxy ?? uri
            if uri.isSecure { hop.isSecure = true }   // §26.2.2: a SIPS request goes over TLS on every hop
            let next = hop
            let plan: SIPTargetPlan
            do {
                plan = try SIPTargetPlan.plan(for: next)
            } catch {
                return eventLoop.makeFailedFuture(error)
            }
            return transport.targets(for: plan, what: next.description).flatMapThrowing { targets in
                guard let first = targets.first else {
                    throw SIPTransportError(.connectFailed, "no target for \(next)")
                }
                return first
            }
        }
    }

    func start(_ request: SIPMessage, target: SIPTransportTarget, onEvent: @escaping @Sendable (SIPClientTransactionEvent) -> Void) {
        guard !isShutDown, let transport else {
            onEvent(.failedToStart("the endpoint is shut down"))
            return
        }
        let prepared = Self.withTopVia(request, for: target, sentBy: transport.expectedSentBy(toward: target))
        let started: (key: SIPTransactionKey, outputs: [SIPTransactionLayer.Output])
        do {
            started = try layer.send(request: prepared, reliability: target.transport.isReliable ? .reliable : .unreliable, now: now)
        } catch {
            onEvent(.failedToStart("\(error)"))
            return
        }
        let key = started.key
        clients[key] = ClientContext(target: target, onEvent: onEvent)
        names[key.description] = key
        clientNames[ClientMatch(branch: key.branch, method: key.method)] = key.description
        onEvent(.started(key, target: target))
        enqueue(started.outputs, inbound: nil)
    }

    /// The request with a top Via the transaction can be named by: its own, when it
    /// carries an RFC 3261 branch; else a new one with a fresh branch (`SIPBranch`). The
    /// transport writes the Via's transport and sent-by again when it sends (the same
    /// values when it listens where `sentBy` says), keeping the branch.
    static func withTopVia(_ request: SIPMessage, for target: SIPTransportTarget, sentBy: (host: String, port: Int)?) -> SIPMessage {
        var via = request.firstViaLine.first ?? SIPVia(transport: target.transport.viaToken, host: "")
        via.transport = target.transport.viaToken
        if let sentBy {
            via.host = sentBy.host
            via.port = sentBy.port
        } else if via.host.isEmpty {
            // Not listening on this transport yet: the transport fills the real sent-by
            // (the connection's own end) when it sends; until then the key names this.
            via.host = "unbound.invalid"
        }
        if !SIPTransactionKey.isRFC3261Branch(via.branch) { via.parameters.set("branch", SIPBranch.make()) }
        if via.rport != .requested { via.parameters.set("rport", nil) }
        var copy = request
        if request.count(of: .via) == 0 {
            copy.prepend("Via", via.description)
        } else {
            copy.replaceTopVia(with: via)
        }
        return copy
    }

    // MARK: Server transactions

    func respond(_ response: SIPMessage, on key: SIPTransactionKey) -> EventLoopFuture<Void> {
        do {
            let outputs = try layer.send(response: response, on: key, now: now)
            enqueue(outputs, inbound: nil)
            return eventLoop.makeSucceededVoidFuture()
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
    }

    // MARK: Inputs from the transport and the clock

    func received(_ inbound: SIPInboundMessage) {
        defer { releaseHeldReceivedLogEntry() }
        guard !isShutDown else { return }
        let reliability: SIPTransportReliability = inbound.source.transport.isReliable ? .reliable : .unreliable
        let outputs: [SIPTransactionLayer.Output]
        do {
            outputs = try layer.receive(inbound.message, reliability: reliability, now: now)
        } catch {
            releaseHeldReceivedLogEntry()
            handlers.onDropped(inbound, "\(error)")
            return
        }
        for output in outputs {
            if let key = output.key, key.role == .server, servers[key] == nil, names[key.description] == nil,
               layer.state(of: key) != nil {
                servers[key] = ServerContext(inbound: inbound)
                names[key.description] = key
            }
        }
        // The message's log line, with the state it led to, before anything it causes.
        releaseHeldReceivedLogEntry()
        enqueue(outputs, inbound: inbound)
    }

    /// Keeps a received message's log entry until `received(_:)` has given it to the
    /// layer. The transport calls `received` right after logging; should it not (a
    /// message it drops after all), the entry goes out on the loop's next turn.
    func holdReceivedLogEntry(_ entry: SIPLogEntry, for sink: any SIPLogSink) {
        releaseHeldReceivedLogEntry()
        heldReceivedLogEntry = (entry, sink)
        guard let box = ownBox else { return releaseHeldReceivedLogEntry() }
        eventLoop.execute { box.value.releaseHeldReceivedLogEntry() }
    }

    func releaseHeldReceivedLogEntry() {
        guard let (entry, sink) = heldReceivedLogEntry else { return }
        heldReceivedLogEntry = nil
        var stated = entry
        if let name = entry.transactionKey { stated.transactionState = transactionState(named: name) }
        sink.record(stated)
    }

    func timerFired(_ timer: SIPTimer, for key: SIPTransactionKey) {
        armed[TimerSlot(key: key, timer: timer)] = nil
        guard !isShutDown else { return }
        enqueue(layer.timerFired(timer, for: key, now: now), inbound: nil)
    }

    func sendFailed(_ key: SIPTransactionKey, error: any Error) {
        guard !isShutDown else { return }
        clients[key]?.lastTransportError = "\(error)"
        enqueue(layer.transportError(for: key, now: now), inbound: nil)
    }

    // MARK: Carrying out the layer's outputs

    func enqueue(_ outputs: [SIPTransactionLayer.Output], inbound: SIPInboundMessage?) {
        queue.append(contentsOf: outputs.map { output in
            guard case let .send(_, key) = output else { return (output, inbound, nil) }
            return (output, inbound, (layer.state(of: key) ?? .terminated).rawValue)
        })
        guard !draining else { return }
        draining = true
        defer { draining = false }
        var next = 0
        while next < queue.count {
            let (output, source, state) = queue[next]
            next += 1
            perform(output, inbound: source, state: state)
        }
        queue.removeAll(keepingCapacity: true)
    }

    func perform(_ output: SIPTransactionLayer.Output, inbound: SIPInboundMessage?, state: String?) {
        switch output {
        case let .send(message, key):
            send(message, for: key, state: state)
        case let .arm(timer, key, at):
            let slot = TimerSlot(key: key, timer: timer)
            armed.removeValue(forKey: slot)?.cancel()
            let bound = self.bound
            armed[slot] = timers.schedule(at: at.sinceOrigin) { bound.value.timerFired(timer, for: key) }
        case let .cancel(timer, key):
            armed.removeValue(forKey: TimerSlot(key: key, timer: timer))?.cancel()
        case let .tell(event, key):
            tell(event, for: key)
        case let .stray(message):
            // Strays only ever come out of `receive`, so the message they came in is known.
            guard var stray = inbound else { return }
            stray.message = message
            handlers.onStray(stray)
        }
    }

    func send(_ message: SIPMessage, for key: SIPTransactionKey, state: String?) {
        guard let transport else { return }
        let promise = eventLoop.makePromise(of: SIPSentMessage.self)
        let bound = self.bound
        promise.futureResult.whenFailure { error in bound.value.sendFailed(key, error: error) }
        switch key.role {
        case .client:
            guard let context = clients[key] else {
                promise.fail(SIPTransportError(.sendFailed, "the transaction \(key) has no target"))
                return
            }
            transport.send(message, to: context.target, branch: key.branch, transactionKey: key.description,
                           transactionState: state, promise: promise)
        case .server:
            guard let context = servers[key] else {
                promise.fail(SIPTransportError(.sendFailed, "the transaction \(key) has no request to answer"))
                return
            }
            transport.respond(message, to: context.inbound, transactionKey: key.description,
                              transactionState: state, promise: promise)
        }
    }

    func tell(_ event: SIPTransactionEvent, for key: SIPTransactionKey) {
        switch key.role {
        case .client:
            guard let context = clients[key] else { return }
            switch event {
            case let .response(response):
                context.onEvent((response.statusCode ?? 0) < 200 ? .provisional(response) : .final(response))
            case let .timedOut(timer):
                context.onEvent(.timedOut(timer))
            case .transportError:
                context.onEvent(.transportError(context.lastTransportError ?? "the transport could not send the request"))
            case .terminated:
                forget(key)
                context.onEvent(.terminated)
            case .request:
                break
            }
        case .server:
            guard var context = servers[key] else { return }
            if case .request = event, !context.handedUp {
                context.handedUp = true
                servers[key] = context
                handlers.onRequest(SIPServerTransaction(key: key, inbound: context.inbound, machine: box()))
                return
            }
            if case .terminated = event { forget(key) }
            handlers.onServerEvent(key, event)
        }
    }

    /// A terminated transaction: its context, names and any timer left.
    func forget(_ key: SIPTransactionKey) {
        clients[key] = nil
        servers[key] = nil
        names[key.description] = nil
        if key.role == .client { clientNames[ClientMatch(branch: key.branch, method: key.method)] = nil }
        for timer in SIPTimer.allCases {
            armed.removeValue(forKey: TimerSlot(key: key, timer: timer))?.cancel()
        }
    }

    /// The box this machine lives in, set by the endpoint right after making it (weak:
    /// the box holds this machine).
    weak var ownBox: NIOLoopBoundBox<SIPEndpointMachine>?
    func box() -> NIOLoopBoundBox<SIPEndpointMachine> { ownBox! }

    // MARK: Log names

    /// The transaction a received message belongs to, by name, for the log entry.
    func transactionName(for message: SIPMessage) -> String? {
        if message.isResponse {
            guard let branch = message.topVia?.branch, let method = message.cseq?.method else { return nil }
            return clientNames[ClientMatch(branch: branch, method: method)]
        }
        guard let key = try? SIPTransactionKey.server(for: message) else { return nil }
        let name = key.description
        // An ACK for a 2xx is no transaction's; any other request is, or starts, one.
        if message.method == .ack, names[name] == nil { return nil }
        return name
    }

    /// The state of the transaction named `name`: nil when it is not (yet) one of ours.
    func transactionState(named name: String) -> String? {
        guard let key = names[name] else { return nil }
        return (layer.state(of: key) ?? .terminated).rawValue
    }

    // MARK: Shutting down

    func shutDown() {
        isShutDown = true
        for timer in armed.values { timer.cancel() }
        armed.removeAll()
        let live = clients
        clients.removeAll()
        servers.removeAll()
        names.removeAll()
        clientNames.removeAll()
        for context in live.values {
            context.onEvent(.transportError("the endpoint shut down"))
            context.onEvent(.terminated)
        }
    }
}

extension SIPTransportLayer {
    /// The Via sent-by this layer writes for a request to `target`, when it has a socket
    /// for it (a UDP socket of the family, a listener of the transport); on the loop.
    func expectedSentBy(toward target: SIPTransportTarget) -> (host: String, port: Int)? {
        let current = state.value
        switch target.transport {
        case .udp:
            let socket = target.localAddress.flatMap { wanted in current.udpSockets.first { $0.local == wanted } }
                ?? current.udpSockets.first { $0.local.isIPv6 == target.address.isIPv6 }
            guard let socket else { return nil }
            return (sentBy(advertised: socket.advertisedHost, bound: socket.local, toward: target.address), socket.local.port)
        case .tcp, .tls:
            guard let listener = current.streamListeners.first(where: {
                $0.transport == target.transport && $0.local.isIPv6 == target.address.isIPv6
            }) else { return nil }
            return (sentBy(advertised: listener.advertisedHost, bound: listener.local, toward: target.address), listener.local.port)
        }
    }
}
