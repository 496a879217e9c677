import DialtoneDemo
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SIPCore
import SIPNIO
import SIPTransaction
import Testing

// Helpers as in Tests/SIPStackIntegrationTests/StackSupport.swift (test targets cannot
// share sources, so the few used here are repeated).

/// The events of client transactions, waited on with a limit.
final class EventRecorder: Sendable {
    private let events = NIOLockedValueBox<[SIPClientTransactionEvent]>([])

    func record(_ event: SIPClientTransactionEvent) { events.withLockedValue { $0.append(event) } }

    var all: [SIPClientTransactionEvent] { events.withLockedValue { $0 } }

    func first<T>(within timeout: Duration = .seconds(10), _ match: (SIPClientTransactionEvent) -> T?) async throws -> T? {
        let deadline = ContinuousClock.now + timeout
        while true {
            for event in all {
                if let value = match(event) { return value }
            }
            if ContinuousClock.now >= deadline { return nil }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    func final(within timeout: Duration = .seconds(10)) async throws -> SIPMessage? {
        try await first(within: timeout) { if case let .final(message) = $0 { message } else { nil } }
    }

    var finals: [SIPMessage] { all.compactMap { if case let .final(message) = $0 { message } else { nil } } }

    var provisionalCodes: [Int] {
        all.compactMap { if case let .provisional(message) = $0 { message.statusCode } else { nil } }
    }

    var descriptions: String { all.map(\.description).joined(separator: "\n") }
}

/// Keeps every log entry (for failure messages).
final class LogRecorder: SIPLogSink {
    private let entries = NIOLockedValueBox<[SIPLogEntry]>([])
    func record(_ entry: SIPLogEntry) { entries.withLockedValue { $0.append(entry) } }
    var text: String { entries.withLockedValue { $0 }.map(\.summary).joined(separator: "\n") }
}

/// A caller: an endpoint on 127.0.0.1 (UDP and TCP, any port) that sends to the peer.
struct DemoCaller {
    let endpoint: SIPEndpoint
    let peer: DemoPeer
    let transport: SIPTransport
    let log: LogRecorder
    /// Where the caller listens over UDP (for a Contact the peer can reach).
    let udpAddress: SIPAddress

    static func make(peer: DemoPeer, transport: SIPTransport = .udp, t1: Duration = .milliseconds(100),
                     handlers: SIPEndpoint.Handlers = SIPEndpoint.Handlers()) async throws -> DemoCaller {
        let log = LogRecorder()
        var configuration = SIPTransportConfiguration()
        configuration.logSink = log
        let endpoint = try SIPEndpoint(eventLoop: MultiThreadedEventLoopGroup.singleton.next(),
                                       timerValues: SIPTimerValues(t1: t1), configuration: configuration, handlers: handlers)
        let udp = try await endpoint.listen(.udp, on: .ipv4("127.0.0.1", 0))
        _ = try await endpoint.listen(.tcp, on: .ipv4("127.0.0.1", 0))
        return DemoCaller(endpoint: endpoint, peer: peer, transport: transport, log: log, udpAddress: udp)
    }

    var target: SIPTransportTarget { SIPTransportTarget(transport: transport, address: peer.address) }

    /// Sends `request` in a client transaction and records its events.
    func send(_ request: SIPMessage) -> EventRecorder {
        let events = EventRecorder()
        endpoint.sendRequest(request, to: .target(target)) { events.record($0) }
        return events
    }

    /// Sends and waits for the final response.
    func finalResponse(to request: SIPMessage, within timeout: Duration = .seconds(10)) async throws -> (SIPMessage, EventRecorder) {
        let events = send(request)
        let response = try #require(try await events.final(within: timeout), "no final response\n\(events.descriptions)\n\(log.text)")
        return (response, events)
    }

    func shutdown() async { await endpoint.shutdown() }
}

/// A request as a user agent would build it (§8.1.1); `branch` fixes the top Via's branch
/// (a CANCEL needs the INVITE's), else the endpoint adds a fresh one.
func makeRequest(_ method: SIPMethod, uri: String, callID: String, cseq: Int, fromTag: String = "caller-1", to: String? = nil,
                 contact: String? = "<sip:caller@127.0.0.1>", body: String? = nil, branch: String? = nil,
                 extraHeaders: [(String, String)] = []) -> SIPMessage {
    var headers: [SIPHeaderField] = []
    if let branch { headers.append(SIPHeaderField(name: "Via", value: "SIP/2.0/UDP 127.0.0.1;branch=\(branch)")) }
    headers += [
        SIPHeaderField(name: "Max-Forwards", value: "70"),
        SIPHeaderField(name: "From", value: "<sip:caller@dialtone.invalid>;tag=\(fromTag)"),
        SIPHeaderField(name: "To", value: to ?? "<\(uri)>"),
        SIPHeaderField(name: "Call-ID", value: callID),
        SIPHeaderField(name: "CSeq", value: "\(cseq) \(method)"),
    ]
    if let contact { headers.append(SIPHeaderField(name: "Contact", value: contact)) }
    for (name, value) in extraHeaders { headers.append(SIPHeaderField(name: name, value: value)) }
    if body != nil { headers.append(SIPHeaderField(name: "Content-Type", value: "application/sdp")) }
    let octets = Array((body ?? "").utf8)
    headers.append(SIPHeaderField(name: "Content-Length", value: String(octets.count)))
    return SIPMessage.request(method, uri: uri, headers: headers, body: octets)
}

/// An SDP offer for one audio stream with the given payload types.
func sdpOffer(port: Int = 49170, formats: [Int] = [0, 8]) -> String {
    var text = "v=0\r\no=caller 2890844526 2890844526 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
    text += "m=audio \(port) RTP/AVP \(formats.map(String.init).joined(separator: " "))\r\n"
    for format in formats {
        switch format {
        case 0: text += "a=rtpmap:0 PCMU/8000\r\n"
        case 8: text += "a=rtpmap:8 PCMA/8000\r\n"
        case 9: text += "a=rtpmap:9 G722/8000\r\n"
        default: text += "a=rtpmap:\(format) telephone-event/8000\r\n"
        }
    }
    return text
}

/// The ACK for a 2xx (§13.2.2.4): to the 2xx's Contact, the INVITE's Call-ID, From and
/// CSeq number, the 2xx's To.
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

/// The request again with an Authorization answering `challengeResponse`'s challenge.
func authorized(_ request: SIPMessage, answering challengeResponse: SIPMessage, username: String = DemoPeer.username,
                password: String = DemoPeer.password, cseq: Int, nonceCount: UInt32 = 1) throws -> SIPMessage {
    let authorizer = try #require(DigestAuthorizer.choose(from: challengeResponse.wwwAuthenticate), "no usable challenge")
    let answer = try authorizer.answer(
        credentials: DigestCredentials(username: username, password: password), method: request.method?.rawValue ?? "",
        uri: request.requestURIText ?? "", body: request.body, nonceCount: nonceCount, cnonce: "c\(UInt32.random(in: 0...UInt32.max))")
    var copy = request
    copy.set("CSeq", "\(cseq) \(request.method?.rawValue ?? "")")
    copy.set("Authorization", answer.headerValue)
    return copy
}

/// A fresh Call-ID for each test.
func newCallID(_ name: String) -> String { "\(name)-\(UUID().uuidString)" }

/// A demo peer with short timers, for tests.
func startPeer(ring: Duration = .milliseconds(50), t1: Duration = .milliseconds(100), nonceLifetime: Duration = .seconds(60),
               transports: [SIPTransport] = [.udp, .tcp]) async throws -> DemoPeer {
    var configuration = DemoPeer.Configuration()
    configuration.ringDuration = ring
    configuration.timerValues = SIPTimerValues(t1: t1)
    configuration.nonceLifetime = nonceLifetime
    configuration.transports = transports
    return try await DemoPeer.start(configuration)
}
