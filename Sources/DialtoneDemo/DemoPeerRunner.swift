import NIOCore
import SIPCore
import SIPNIO
import SIPTransaction

/// Carries out `DemoPeerCore`'s actions on the endpoint's loop: answers through the
/// transactions the endpoint handed up, and runs the peer's timers as loop tasks. Lives
/// in a `NIOLoopBoundBox`, so every access is on that loop (checked at run time).
final class DemoPeerRunner {
    var core: DemoPeerCore
    let eventLoop: any EventLoop
    let started: NIODeadline
    /// Server transactions still live, to answer (and retransmit the 2xx) on.
    var transactions: [SIPTransactionKey: SIPServerTransaction] = [:]
    var timers: [DemoPeerCore.Timer: Scheduled<Void>] = [:]
    /// The box this runner lives in, for the timer tasks; cleared on shutdown to break the cycle.
    var ownBox: NIOLoopBoundBox<DemoPeerRunner>?
    var isShutDown = false
    /// Sends the peer's own requests; set once the endpoint exists.
    var endpoint: SIPEndpoint?

    init(core: DemoPeerCore, eventLoop: any EventLoop) {
        self.core = core
        self.eventLoop = eventLoop
        self.started = eventLoop.now
    }

    var now: Duration { .nanoseconds((eventLoop.now - started).nanoseconds) }

    func request(_ transaction: SIPServerTransaction) {
        guard !isShutDown else { return }
        transactions[transaction.key] = transaction
        let transport = transaction.inbound.source.transport
        let arrival = DemoPeerCore.Arrival(reliable: transport.isReliable, transportParameter: transport == .udp ? nil : transport.uriParameter)
        perform(core.received(transaction.request, key: transaction.key, arrival: arrival, now: now))
    }

    func serverEvent(_ key: SIPTransactionKey, _ event: SIPTransactionEvent) {
        switch event {
        case let .request(message) where message.method == .ack:
            perform(core.receivedACK(message, now: now))
        case .terminated:
            transactions[key] = nil
            core.transactionEnded(key)
        default:
            break
        }
    }

    /// The ACK for a 2xx has a branch of its own, so it reaches the peer as a stray.
    func stray(_ inbound: SIPInboundMessage) {
        guard !isShutDown, inbound.message.method == .ack else { return }
        perform(core.receivedACK(inbound.message, now: now))
    }

    func fire(_ timer: DemoPeerCore.Timer) {
        timers[timer] = nil
        guard !isShutDown else { return }
        perform(core.fired(timer, now: now))
    }

    func perform(_ actions: [DemoPeerCore.Action]) {
        for action in actions {
            switch action {
            case let .respond(key, response):
                // A transaction already gone (Timer L ended it) just means nobody is listening.
                transactions[key]?.respond(with: response).whenFailure { _ in }
            case let .arm(timer, delay):
                timers.removeValue(forKey: timer)?.cancel()
                guard let box = ownBox else { continue }
                let (seconds, attoseconds) = delay.components
                let nanoseconds = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
                timers[timer] = eventLoop.scheduleTask(in: .nanoseconds(nanoseconds)) { box.value.fire(timer) }
            case let .cancel(timer):
                timers.removeValue(forKey: timer)?.cancel()
            case let .send(request, uri, proxy):
                // Fire and forget: whether the caller answers the BYE changes nothing here.
                endpoint?.sendRequest(request, to: .uri(uri, outboundProxy: proxy)) { _ in }
            }
        }
    }

    func shutDown() {
        isShutDown = true
        for timer in timers.values { timer.cancel() }
        timers.removeAll()
        transactions.removeAll()
        ownBox = nil
        endpoint = nil
    }
}
