import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SIPCore
import SIPNIO
import SIPTestSupport
import SIPTransaction
import Testing

/// sipp playing one of this target's Scenarios/ as a UAS on a free port of 127.0.0.1, for
/// one call, with its own time limit (20 s). Stop it with `stop()` in a defer.
func startSipp(_ scenario: String, transport: SIPTransport) async throws -> SippProcess {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scenarios/\(scenario)").path
    return try await SippProcess(scenario: path, transport: transport == .udp ? .udp : .tcp, timeout: .seconds(20))
}

extension SippProcess {
    var address: SIPAddress { .ipv4("127.0.0.1", port) }
    var target: SIPTransportTarget { SIPTransportTarget(transport: transport == .udp ? .udp : .tcp, address: address) }
}

/// Keeps every log entry.
final class LogRecorder: SIPLogSink {
    private let entries = NIOLockedValueBox<[SIPLogEntry]>([])

    func record(_ entry: SIPLogEntry) { entries.withLockedValue { $0.append(entry) } }

    var all: [SIPLogEntry] { entries.withLockedValue { $0 } }

    /// Messages sent whose first line starts with `start` (`"INVITE "`, `"SIP/2.0 200"`).
    func sent(startingWith start: String) -> [SIPLogEntry] {
        all.filter { $0.direction == .sent && $0.kind == .message && $0.bytes.starts(with: Array(start.utf8)) }
    }

    func received(startingWith start: String) -> [SIPLogEntry] {
        all.filter { $0.direction == .received && $0.kind == .message && $0.bytes.starts(with: Array(start.utf8)) }
    }

    var text: String { all.map(\.summary).joined(separator: "\n") }
}

/// The events of client transactions, with when each arrived; waited on with a limit.
final class EventRecorder: Sendable {
    private let events = NIOLockedValueBox<[(time: SIPWallTime, event: SIPClientTransactionEvent)]>([])

    func record(_ event: SIPClientTransactionEvent) {
        let now = SIPWallTime.now()
        events.withLockedValue { $0.append((now, event)) }
    }

    var all: [(time: SIPWallTime, event: SIPClientTransactionEvent)] { events.withLockedValue { $0 } }

    /// The first recorded event that `match` picks, waiting up to `timeout` for it.
    func first<T>(within timeout: Duration = .seconds(10), _ match: (SIPClientTransactionEvent) -> T?) async throws -> (time: SIPWallTime, value: T)? {
        let deadline = ContinuousClock.now + timeout
        while true {
            for (time, event) in all {
                if let value = match(event) { return (time, value) }
            }
            if ContinuousClock.now >= deadline { return nil }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    func final(within timeout: Duration = .seconds(10)) async throws -> SIPMessage? {
        try await first(within: timeout) { if case let .final(message) = $0 { message } else { nil } }?.value
    }

    func terminated(within timeout: Duration = .seconds(10)) async throws -> Bool {
        try await first(within: timeout) { if case .terminated = $0 { true } else { nil } } != nil
    }

    var provisionalCodes: [Int] {
        all.compactMap { if case let .provisional(message) = $0.event { message.statusCode } else { nil } }
    }

    var descriptions: String { all.map { "\($0.time) \($0.event)" }.joined(separator: "\n") }
}

/// A request as a user agent would build it (§8.1.1), without a Via: the endpoint adds
/// it with a fresh branch.
func makeRequest(_ method: SIPMethod, uri: String, callID: String, cseq: Int, fromTag: String, to: String,
                 contact: String? = nil, body: String? = nil) -> SIPMessage {
    var headers = [
        SIPHeaderField(name: "Max-Forwards", value: "70"),
        SIPHeaderField(name: "From", value: "<sip:alice@dialtone.invalid>;tag=\(fromTag)"),
        SIPHeaderField(name: "To", value: to),
        SIPHeaderField(name: "Call-ID", value: callID),
        SIPHeaderField(name: "CSeq", value: "\(cseq) \(method)"),
    ]
    if let contact { headers.append(SIPHeaderField(name: "Contact", value: contact)) }
    if body != nil { headers.append(SIPHeaderField(name: "Content-Type", value: "application/sdp")) }
    let octets = Array((body ?? "").utf8)
    headers.append(SIPHeaderField(name: "Content-Length", value: String(octets.count)))
    return SIPMessage.request(method, uri: uri, headers: headers, body: octets)
}

/// An SDP offer for one PCMU audio stream.
func sdpOffer(port: Int) -> String {
    "v=0\r\no=alice 2890844526 2890844526 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio \(port) RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
}

/// The ACK for a 2xx (§13.2.2.4): a request of its own, to the 2xx's Contact, with the
/// INVITE's Call-ID, From and CSeq number and the 2xx's To. No Via: the transport adds
/// one with a new branch.
func makeACK(for invite: SIPMessage, response: SIPMessage) -> SIPMessage {
    let uri = response.contacts.first?.address.map { $0.uri.description } ?? invite.requestURIText ?? ""
    return SIPMessage.request(.ack, uri: uri, headers: [
        SIPHeaderField(name: "Max-Forwards", value: "70"),
        SIPHeaderField(name: "From", value: invite.value(.from) ?? ""),
        SIPHeaderField(name: "To", value: response.value(.to) ?? ""),
        SIPHeaderField(name: "Call-ID", value: invite.value(.callID) ?? ""),
        SIPHeaderField(name: "CSeq", value: "\(invite.cseq?.sequence ?? 1) ACK"),
        SIPHeaderField(name: "Content-Length", value: "0"),
    ])
}

/// An endpoint on the shared loop group, listening on UDP and TCP on 127.0.0.1.
func makeEndpoint(t1: Duration = .milliseconds(500), log: LogRecorder, handlers: SIPEndpoint.Handlers = SIPEndpoint.Handlers(),
                  configuration: SIPTransportConfiguration = SIPTransportConfiguration(),
                  listenOn transports: [SIPTransport] = [.udp, .tcp]) async throws -> SIPEndpoint {
    var configuration = configuration
    configuration.logSink = log
    let endpoint = try SIPEndpoint(eventLoop: MultiThreadedEventLoopGroup.singleton.next(),
                                   timerValues: SIPTimerValues(t1: t1), configuration: configuration, handlers: handlers)
    for transport in transports {
        _ = try await endpoint.listen(transport, on: .ipv4("127.0.0.1", 0))
    }
    return endpoint
}

extension SIPWallTime {
    static func - (lhs: SIPWallTime, rhs: SIPWallTime) -> Duration { lhs.sinceEpoch - rhs.sinceEpoch }
}

extension Duration {
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
