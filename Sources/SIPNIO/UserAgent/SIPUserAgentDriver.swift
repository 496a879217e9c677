import NIOCore
import SIPCore
import SIPTransaction
import SIPUserAgent

/// The loop-side half of `SIPUserAgentRunner`: owns the user agent, its timers and the
/// server transactions it answers, and performs its actions. Only ever touched on
/// `eventLoop` (it lives in a `NIOLoopBoundBox`).
final class SIPUserAgentDriver {
    var agent: SIPUserAgent
    let eventLoop: any EventLoop
    let continuation: AsyncStream<SIPUserAgentEvent>.Continuation
    var endpoint: SIPEndpoint?
    let origin = NIODeadline.now()
    var timers: [SIPUserAgentTimer: Scheduled<Void>] = [:]
    var servers: [SIPServerRequestID: SIPServerTransaction] = [:]
    var serverIDs: [SIPTransactionKey: SIPServerRequestID] = [:]
    var nextServer = 1
    var stopped = false
    /// Per transaction and direction, the octets already logged: a second copy is a retransmission.
    var seenOctets: [String: Set<Int>] = [:]

    init(agent: SIPUserAgent, eventLoop: any EventLoop, continuation: AsyncStream<SIPUserAgentEvent>.Continuation) {
        self.agent = agent
        self.eventLoop = eventLoop
        self.continuation = continuation
    }

    var now: SIPInstant {
        SIPInstant(sinceOrigin: .nanoseconds(NIODeadline.now().uptimeNanoseconds - origin.uptimeNanoseconds))
    }

    func emit(_ event: SIPUserAgentEvent) {
        continuation.yield(event)
    }

    func handle(_ command: SIPUserAgentCommand) {
        guard !stopped else { return }
        perform(agent.handle(command, now: now))
    }

    func received(_ server: SIPServerTransaction) {
        guard !stopped else { return }
        let id = SIPServerRequestID(nextServer)
        nextServer += 1
        servers[id] = server
        serverIDs[server.key] = id
        perform(agent.receivedRequest(server.request, server: id, now: now))
    }

    func serverEvent(_ key: SIPTransactionKey, _ event: SIPTransactionEvent) {
        switch event {
        case let .request(message) where message.method == .ack:
            perform(agent.receivedACK(message, now: now))
        case .terminated:
            if let id = serverIDs.removeValue(forKey: key) { servers[id] = nil }
        default:
            break
        }
    }

    func stray(_ inbound: SIPInboundMessage) {
        guard !stopped else { return }
        if inbound.message.isRequest {
            if inbound.message.method == .ack { perform(agent.receivedACK(inbound.message, now: now)) }
        } else {
            perform(agent.receivedStrayResponse(inbound.message, now: now))
        }
    }

    func perform(_ actions: [SIPUserAgentAction]) {
        for action in actions {
            switch action {
            case let .sendRequest(id, message, nextHop):
                sendRequest(id, message, nextHop: nextHop)
            case let .sendStateless(message, nextHop):
                guard let endpoint else { continue }
                let driverLoop = eventLoop
                let continuation = self.continuation
                driverLoop.makeFutureWithTask {
                    _ = try await endpoint.send(message, to: .uri(nextHop))
                }.whenFailure { error in
                    continuation.yield(.error("could not send \(message.method?.rawValue ?? "a message") to \(nextHop): \(error)"))
                }
            case let .respond(id, response):
                guard let server = servers[id] else {
                    emit(.error("the transaction for \(response.statusCode ?? 0) \(response.reasonPhrase ?? "") is gone; not sent"))
                    continue
                }
                server.respond(with: response).whenFailure { [continuation] error in
                    continuation.yield(.error("could not answer \(server.request.method?.rawValue ?? "?") with \(response.statusCode ?? 0): \(error)"))
                }
            case let .arm(timer, at):
                timers[timer]?.cancel()
                let delay = at - now
                let nanoseconds = max(0, delay.components.seconds * 1_000_000_000 + delay.components.attoseconds / 1_000_000_000)
                timers[timer] = eventLoop.scheduleTask(in: .nanoseconds(nanoseconds)) { [self] in
                    timers[timer] = nil
                    guard !stopped else { return }
                    perform(agent.timerFired(timer, now: now))
                }
            case let .cancel(timer):
                timers.removeValue(forKey: timer)?.cancel()
            case let .emit(event):
                emit(event)
            }
        }
    }

    func sendRequest(_ id: SIPRequestID, _ message: SIPMessage, nextHop: SIPURI) {
        guard let endpoint else { return }
        let box = NIOLoopBound(self, eventLoop: eventLoop)
        endpoint.sendRequest(message, to: .uri(nextHop)) { event in
            let driver = box.value
            guard !driver.stopped else { return }
            let outcome: SIPRequestOutcome?
            switch event {
            case .started: outcome = nil
            case let .failedToStart(reason):
                driver.perform(driver.agent.requestEvent(id, .transportError(reason), now: driver.now))
                outcome = .terminated
            case let .provisional(response): outcome = .provisional(response)
            case let .final(response): outcome = .final(response)
            case .timedOut: outcome = .timedOut
            case let .transportError(reason): outcome = .transportError(reason)
            case .terminated: outcome = .terminated
            }
            if let outcome { driver.perform(driver.agent.requestEvent(id, outcome, now: driver.now)) }
        }
    }

    /// Logs a wire entry as a record the front ends understand.
    func record(_ entry: SIPLogEntry) {
        let message: SIPMessage?
        let note: String?
        switch entry.kind {
        case .message:
            message = entry.message ?? (try? SIPMessageParser.parse(entry.bytes))
            note = message == nil ? "did not parse" : nil
        case .keepAlivePing: message = nil; note = "keep-alive ping"
        case .keepAlivePong: message = nil; note = "keep-alive pong"
        case let .dropped(reason): message = nil; note = "dropped: \(reason)"
        }
        var isRetransmission = false
        if let key = entry.transactionKey, case .message = entry.kind {
            let slot = "\(key)|\(entry.direction.rawValue)"
            let hash = entry.bytes.hashValue
            isRetransmission = seenOctets[slot, default: []].contains(hash)
            if seenOctets.count > 4096 { seenOctets.removeAll() }
            seenOctets[slot, default: []].insert(hash)
        }
        emit(.log(SIPMessageLogRecord(
            time: entry.time.secondsSince1970, direction: entry.direction == .sent ? .sent : .received,
            transport: entry.transport.description, local: shownLocal(entry.local), remote: entry.remote?.description,
            bytes: entry.bytes, message: message, transactionKey: entry.transactionKey,
            transactionState: entry.transactionState, isRetransmission: isRetransmission, note: note)))
    }

    /// Our end as peers see it: a socket bound to the wildcard address is shown with the
    /// advertised host (the one in our Contact and Via).
    func shownLocal(_ address: SIPAddress?) -> String? {
        guard let address else { return nil }
        guard address.isWildcard, let host = agent.configuration.contactAddresses.values.first?.host else { return address.description }
        let bare = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        return SIPAddress(host: bare, port: address.port).description
    }

    func stop() {
        stopped = true
        for timer in timers.values { timer.cancel() }
        timers.removeAll()
    }

    func finish() {
        continuation.finish()
    }
}

/// Hands every wire entry to the driver on the loop (the sink is called there already).
struct SIPUserAgentLogSink: SIPLogSink {
    let driver: NIOLoopBoundBox<SIPUserAgentDriver>
    let next: (any SIPLogSink)?

    func record(_ entry: SIPLogEntry) {
        next?.record(entry)
        if driver.eventLoop.inEventLoop {
            driver.value.record(entry)
        } else {
            let driver = self.driver
            driver.eventLoop.execute { driver.value.record(entry) }
        }
    }
}
