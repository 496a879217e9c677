import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SIPCore
import SIPNIO
import SIPTestSupport

/// Messages a layer received, waited for with a time limit (so that no test hangs).
final class Inbox: Sendable {
    private struct State {
        var queue: [SIPInboundMessage] = []
        var waiter: (id: Int, continuation: CheckedContinuation<SIPInboundMessage?, Never>)?
        var nextID = 0
    }

    private let state = NIOLockedValueBox(State())

    func put(_ message: SIPInboundMessage) {
        let waiter = state.withLockedValue { state -> CheckedContinuation<SIPInboundMessage?, Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter.continuation
            }
            state.queue.append(message)
            return nil
        }
        waiter?.resume(returning: message)
    }

    /// The next message, or nil when none comes within `timeout`.
    func next(within timeout: Duration = .seconds(10)) async -> SIPInboundMessage? {
        await withCheckedContinuation { continuation in
            let (ready, id) = state.withLockedValue { state -> (SIPInboundMessage?, Int) in
                if !state.queue.isEmpty { return (state.queue.removeFirst(), 0) }
                state.nextID += 1
                state.waiter = (state.nextID, continuation)
                return (nil, state.nextID)
            }
            if let ready {
                continuation.resume(returning: ready)
                return
            }
            Task { [state] in
                try? await Task.sleep(for: timeout)
                let expired = state.withLockedValue { state -> CheckedContinuation<SIPInboundMessage?, Never>? in
                    guard let waiter = state.waiter, waiter.id == id else { return nil }
                    state.waiter = nil
                    return waiter.continuation
                }
                expired?.resume(returning: nil)
            }
        }
    }
}

/// Keeps every log entry.
final class LogRecorder: SIPLogSink {
    private let entries = NIOLockedValueBox<[SIPLogEntry]>([])

    func record(_ entry: SIPLogEntry) { entries.withLockedValue { $0.append(entry) } }

    var all: [SIPLogEntry] { entries.withLockedValue { $0 } }
}

/// A peer that answers every request but ACK with a 200, from the loop (as the
/// transaction layer will), and keeps what it received.
final class AutoResponder: Sendable {
    let received = Inbox()
    private let layer = NIOLockedValueBox<SIPTransportLayer?>(nil)

    func attach(_ layer: SIPTransportLayer) { self.layer.withLockedValue { $0 = layer } }

    func handle(_ inbound: SIPInboundMessage) {
        received.put(inbound)
        guard inbound.message.isRequest, inbound.message.method != .ack,
              let layer = layer.withLockedValue({ $0 }) else { return }
        layer.respond(makeResponse(to: inbound.message, status: 200), to: inbound, promise: nil)
    }
}

func makeResponse(to request: SIPMessage, status: Int) -> SIPMessage {
    var headers = request.values(.via).map { SIPHeaderField(name: "Via", value: $0) }
    if let from = request.value(.from) { headers.append(SIPHeaderField(name: "From", value: from)) }
    if let to = request.value(.to) {
        headers.append(SIPHeaderField(name: "To", value: to.contains("tag=") ? to : to + ";tag=resp1"))
    }
    if let callID = request.value(.callID) { headers.append(SIPHeaderField(name: "Call-ID", value: callID)) }
    if let cseq = request.value(.cseq) { headers.append(SIPHeaderField(name: "CSeq", value: cseq)) }
    return SIPMessage.response(status, headers: headers)
}

func makeOptions(to uri: String, callID: String, cseq: Int = 1, padding: Int = 0) -> SIPMessage {
    var headers = [
        SIPHeaderField(name: "Max-Forwards", value: "70"),
        SIPHeaderField(name: "From", value: "<sip:alice@dialtone.invalid>;tag=a\(cseq)"),
        SIPHeaderField(name: "To", value: "<\(uri)>"),
        SIPHeaderField(name: "Call-ID", value: callID),
        SIPHeaderField(name: "CSeq", value: "\(cseq) OPTIONS"),
        SIPHeaderField(name: "Accept", value: "application/sdp"),
    ]
    if padding > 0 { headers.append(SIPHeaderField(name: "X-Padding", value: String(repeating: "p", count: padding))) }
    return SIPMessage.request(.options, uri: uri, headers: headers)
}

/// Two layers on loopback: `client` sends, `server` answers.
struct LayerPair {
    let client: SIPTransportLayer
    let server: SIPTransportLayer
    let clientInbox: Inbox
    let responder: AutoResponder
    let clientLog: LogRecorder
    let serverLog: LogRecorder

    static func make(clientConfiguration: SIPTransportConfiguration = SIPTransportConfiguration(),
                     serverConfiguration: SIPTransportConfiguration = SIPTransportConfiguration()) throws -> LayerPair {
        let clientInbox = Inbox()
        let responder = AutoResponder()
        let clientLog = LogRecorder()
        let serverLog = LogRecorder()
        var clientConfiguration = clientConfiguration
        clientConfiguration.logSink = clientLog
        var serverConfiguration = serverConfiguration
        serverConfiguration.logSink = serverLog
        let group = MultiThreadedEventLoopGroup.singleton
        let client = try SIPTransportLayer(eventLoop: group.next(), configuration: clientConfiguration,
                                           onMessage: { clientInbox.put($0) })
        let server = try SIPTransportLayer(eventLoop: group.next(), configuration: serverConfiguration,
                                           onMessage: { responder.handle($0) })
        responder.attach(server)
        return LayerPair(client: client, server: server, clientInbox: clientInbox, responder: responder,
                         clientLog: clientLog, serverLog: serverLog)
    }

    func shutdown() async {
        await client.shutdown()
        await server.shutdown()
    }
}

enum MultiThreadedEventLoopGroupHolder {
    static var loop: any EventLoop { MultiThreadedEventLoopGroup.singleton.next() }
}
