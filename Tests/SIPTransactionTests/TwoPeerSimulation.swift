import SIPCore
import SIPTransaction

/// Two transaction layers talking over a fake network with latency and scripted loss,
/// stepped by earliest deadline (str0m's two-peer tests): whichever comes first — a
/// datagram arriving or a timer of either peer — happens next, and the clock jumps to it.
/// Nothing sleeps, so half a minute of SIP runs in microseconds.
///
/// Every message crosses the network as octets and is parsed on arrival, so the test also
/// covers what the layer sends on the wire.
struct TwoPeerSimulation {
    enum PeerID: String, Hashable, CustomStringConvertible {
        case client, server
        var description: String { rawValue }
        var other: PeerID { self == .client ? .server : .client }
    }

    /// What a scripted transaction user does about an event.
    enum TUAction {
        /// Pass a response to the server transaction `key`.
        case respond(SIPMessage, on: SIPTransactionKey)
        /// Put a message on the wire outside any transaction (the ACK for a 2xx).
        case sendDirectly(SIPMessage)
    }

    /// A line of the simulation's log: at this instant, this peer did this.
    struct Entry: CustomStringConvertible {
        var at: SIPInstant
        var peer: PeerID
        var what: String
        var description: String { "\(at) \(peer) \(what)" }
    }

    struct Peer {
        var layer = SIPTransactionLayer()
        var timers: [TimerID: SIPInstant] = [:]
        var reliability: SIPTransportReliability
        /// Called for every `.tell` and `.stray` output.
        var tu: (SIPTransactionLayer.Output, SIPInstant) -> [TUAction]
    }

    struct TimerID: Hashable {
        var key: SIPTransactionKey
        var timer: SIPTimer
    }

    struct Datagram {
        var at: SIPInstant
        var to: PeerID
        var bytes: [UInt8]
        var sequence: Int
    }

    /// Drops the next `count` messages from `from` that `matches` accepts.
    struct Loss {
        var from: PeerID
        var count: Int
        var matches: (SIPMessage) -> Bool
    }

    private(set) var now = SIPInstant.origin
    private(set) var log: [Entry] = []
    var peers: [PeerID: Peer]
    var latency: Duration
    var losses: [Loss] = []
    private var inFlight: [Datagram] = []
    private var sequence = 0

    init(reliability: SIPTransportReliability = .unreliable, latency: Duration = .milliseconds(20),
         clientTU: @escaping (SIPTransactionLayer.Output, SIPInstant) -> [TUAction] = { _, _ in [] },
         serverTU: @escaping (SIPTransactionLayer.Output, SIPInstant) -> [TUAction]) {
        self.latency = latency
        peers = [
            .client: Peer(reliability: reliability, tu: clientTU),
            .server: Peer(reliability: reliability, tu: serverTU),
        ]
    }

    /// The client's TU starts a transaction now.
    mutating func clientSends(_ request: SIPMessage) throws -> SIPTransactionKey {
        let (key, outputs) = try peers[.client]!.layer.send(request: request, reliability: peers[.client]!.reliability, now: now)
        apply(outputs, at: .client)
        return key
    }

    /// Steps until nothing is left to happen or the next thing is after `end`.
    mutating func run(until end: SIPInstant = .origin + .seconds(600)) throws {
        while let next = nextDeadline(), next <= end {
            now = next
            if let index = earliestDatagram(), inFlight[index].at == now {
                let datagram = inFlight.remove(at: index)
                let message = try SIPMessageParser.parse(datagram.bytes)
                record(datagram.to, "receive \(message.short)")
                let outputs = try peers[datagram.to]!.layer.receive(message, reliability: peers[datagram.to]!.reliability, now: now)
                apply(outputs, at: datagram.to)
                continue
            }
            for id in [PeerID.client, .server] {
                guard let (timerID, due) = peers[id]!.timers.min(by: { ($0.value, $0.key.timer.rawValue) < ($1.value, $1.key.timer.rawValue) }),
                      due == now else { continue }
                peers[id]!.timers[timerID] = nil
                record(id, "fire \(timerID.timer.rawValue)")
                apply(peers[id]!.layer.timerFired(timerID.timer, for: timerID.key, now: now), at: id)
                break
            }
        }
    }

    // MARK: Reading the log

    /// The instants at which `peer` logged exactly `what`.
    func instants(_ peer: PeerID, _ what: String) -> [SIPInstant] {
        log.filter { $0.peer == peer && $0.what == what }.map(\.at)
    }

    // MARK: Inside

    private func nextDeadline() -> SIPInstant? {
        let datagram = earliestDatagram().map { inFlight[$0].at }
        let timers = peers.values.flatMap(\.timers.values)
        return ([datagram].compactMap { $0 } + timers).min()
    }

    /// The first datagram due, in the order sent when two are due together.
    private func earliestDatagram() -> Int? {
        inFlight.indices.min { (inFlight[$0].at, inFlight[$0].sequence) < (inFlight[$1].at, inFlight[$1].sequence) }
    }

    private mutating func apply(_ outputs: [SIPTransactionLayer.Output], at id: PeerID) {
        for output in outputs {
            switch output {
            case let .send(message, _):
                transmit(message, from: id)
            case let .arm(timer, key, at):
                peers[id]!.timers[TimerID(key: key, timer: timer)] = at
            case let .cancel(timer, key):
                peers[id]!.timers[TimerID(key: key, timer: timer)] = nil
            case let .tell(event, _):
                record(id, "tell \(event.short)")
                react(to: output, at: id)
            case let .stray(message):
                record(id, "stray \(message.short)")
                react(to: output, at: id)
            }
        }
    }

    private mutating func react(to output: SIPTransactionLayer.Output, at id: PeerID) {
        for action in peers[id]!.tu(output, now) {
            switch action {
            case let .respond(response, key):
                do {
                    apply(try peers[id]!.layer.send(response: response, on: key, now: now), at: id)
                } catch {
                    record(id, "refused \(response.short): \(error)")
                }
            case let .sendDirectly(message):
                transmit(message, from: id)
            }
        }
    }

    private mutating func transmit(_ message: SIPMessage, from id: PeerID) {
        if let index = losses.firstIndex(where: { $0.from == id && $0.count > 0 && $0.matches(message) }) {
            losses[index].count -= 1
            record(id, "lose \(message.short)")
            return
        }
        record(id, "send \(message.short)")
        sequence += 1
        inFlight.append(Datagram(at: now + latency, to: id.other, bytes: message.serialized(), sequence: sequence))
    }

    private mutating func record(_ peer: PeerID, _ what: String) {
        log.append(Entry(at: now, peer: peer, what: what))
    }
}

extension SIPMessage {
    /// `INVITE`, `ACK`, `486 INVITE`: enough to tell the messages of a flow apart.
    var short: String {
        if let method { return method.rawValue }
        return "\(statusCode ?? 0) \(cseq?.method.rawValue ?? "?")"
    }
}

extension SIPTransactionEvent {
    var short: String {
        switch self {
        case let .response(message): "response \(message.short)"
        case let .request(message): "request \(message.short)"
        case let .timedOut(timer): "timeout \(timer.rawValue)"
        case .transportError: "transport error"
        case .terminated: "terminated"
        }
    }
}
