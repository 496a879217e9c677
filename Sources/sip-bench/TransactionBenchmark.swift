import SIPCore
import SIPTransaction

/// Client and server transaction layers in one process, no sockets: each OPTIONS and each
/// INVITE crosses from one layer to the other as octets (serialized, then parsed), is
/// answered 200 by a minimal transaction user, and both transactions run to Terminated
/// (their closing timers are fired at once, since time is an input). Prints transactions
/// per second, counting the client and the server transaction of each exchange.
func runTransactionBenchmark(arguments: [String]) {
    var count = 20_000
    if let flag = arguments.firstIndex(of: "--count") {
        guard flag + 1 < arguments.count, let n = Int(arguments[flag + 1]), n > 0 else { fail("--count needs a positive number") }
        count = n
    }
    for (method, reliability) in [(SIPMethod.options, SIPTransportReliability.unreliable), (.invite, .unreliable), (.options, .reliable), (.invite, .reliable)] {
        var bench = TransactionExchange(reliability: reliability)
        bench.run(method, count: 200)   // warm-up
        let clock = ContinuousClock()
        let elapsed = clock.measure { bench.run(method, count: count) }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let transactions = Double(2 * count)
        let transport = reliability == .reliable ? "reliable" : "unreliable"
        print("transactions: \(method.rawValue) over \(transport) transport: \(count) exchanges, \(Int(transactions / seconds)) transactions/s, \(Int((seconds * 1e9 / Double(count)).rounded())) ns per exchange (\(bench.completed) completed)")
    }
}

struct TransactionExchange {
    var client = SIPTransactionLayer()
    var server = SIPTransactionLayer()
    var now = SIPInstant.origin
    let reliability: SIPTransportReliability
    var sequence = 0
    var completed = 0
    var wire: [(toServer: Bool, bytes: [UInt8])] = []
    var timers: [(toServer: Bool, timer: SIPTimer, key: SIPTransactionKey)] = []

    init(reliability: SIPTransportReliability) {
        self.reliability = reliability
    }

    mutating func run(_ method: SIPMethod, count: Int) {
        for _ in 0..<count { exchange(method) }
    }

    mutating func exchange(_ method: SIPMethod) {
        sequence += 1
        let transport = reliability == .reliable ? "TCP" : "UDP"
        let request = SIPMessage.request(method, uri: "sip:bob@192.0.2.2:5060", headers: [
            SIPHeaderField(name: "Via", value: "SIP/2.0/\(transport) 192.0.2.1:5060;branch=z9hG4bK\(sequence)x;rport"),
            SIPHeaderField(name: "Max-Forwards", value: "70"),
            SIPHeaderField(name: "From", value: "<sip:alice@192.0.2.1>;tag=a\(sequence)"),
            SIPHeaderField(name: "To", value: "<sip:bob@192.0.2.2>"),
            SIPHeaderField(name: "Call-ID", value: "bench-\(sequence)@192.0.2.1"),
            SIPHeaderField(name: "CSeq", value: "1 \(method.rawValue)"),
        ])
        guard let (_, outputs) = try? client.send(request: request, reliability: reliability, now: now) else {
            fail("the client layer refused request \(sequence)")
        }
        handle(outputs, fromServer: false)
        // Deliver everything in flight, then let every closing timer fire.
        while !wire.isEmpty || !timers.isEmpty {
            while !wire.isEmpty {
                let packet = wire.removeFirst()
                guard let message = try? SIPMessageParser.parse(packet.bytes) else { fail("a layer sent an unparsable message") }
                if packet.toServer {
                    guard let outputs = try? server.receive(message, reliability: reliability, now: now) else { continue }
                    handle(outputs, fromServer: true)
                } else {
                    guard let outputs = try? client.receive(message, reliability: reliability, now: now) else { continue }
                    handle(outputs, fromServer: false)
                }
            }
            if !timers.isEmpty {
                let next = timers.removeFirst()
                let outputs = next.toServer ? server.timerFired(next.timer, for: next.key, now: now)
                                            : client.timerFired(next.timer, for: next.key, now: now)
                handle(outputs, fromServer: next.toServer)
            }
        }
    }

    mutating func handle(_ outputs: [SIPTransactionLayer.Output], fromServer: Bool) {
        for output in outputs {
            switch output {
            case let .send(message, _):
                wire.append((toServer: !fromServer, bytes: message.serialized()))
            case let .arm(timer, key, _):
                // Retransmission timers never need to fire: nothing is lost here.
                if ![.a, .e, .g].contains(timer) { timers.append((toServer: fromServer, timer: timer, key: key)) }
            case let .cancel(timer, key):
                timers.removeAll { $0.toServer == fromServer && $0.timer == timer && $0.key == key }
            case let .tell(.request(request), key) where fromServer:
                var response = SIPMessage.response(to: request, statusCode: 200, toTag: "b\(sequence)")
                if request.method == .invite { response.append("Contact", "<sip:bob@192.0.2.2:5060>") }
                guard let outputs = try? server.send(response: response, on: key, now: now) else { fail("the server layer refused its response") }
                handle(outputs, fromServer: true)
            case .tell(.terminated, _):
                completed += 1
            case .tell, .stray:
                break
            }
        }
    }
}
