import Foundation
import SIPCore
import SIPTransaction
import Testing

/// An instant on the fake clock, `milliseconds` after its origin.
func at(_ milliseconds: Int) -> SIPInstant { .origin + .milliseconds(milliseconds) }

/// Parses a message written in a test with "\n" line ends (turned into CRLF).
func message(_ text: String) -> SIPMessage {
    let crlf = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
    do {
        return try SIPMessageParser.parse(crlf)
    } catch {
        fatalError("test message does not parse: \(error)\n\(text)")
    }
}

/// The SIPCoreTests fixtures (RFC 4475, RFC 3665, the perf corpus), read in place.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SIPCoreTests/Fixtures")

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(relativePath)))
    }

    static func message(_ relativePath: String) throws -> SIPMessage {
        try SIPMessageParser.parse(try bytes(relativePath))
    }
}

/// Requests and responses for driving the machines.
enum Messages {
    static let invite = message("""
        INVITE sip:bob@biloxi.example.com SIP/2.0
        Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds
        Max-Forwards: 70
        Route: <sip:ss1.atlanta.example.com;lr>
        Route: <sip:ss2.biloxi.example.com;lr>
        To: Bob <sip:bob@biloxi.example.com>
        From: Alice <sip:alice@atlanta.example.com>;tag=1928301774
        Call-ID: a84b4c76e66710@pc33.atlanta.example.com
        CSeq: 314159 INVITE
        Contact: <sip:alice@pc33.atlanta.example.com>
        Content-Length: 0


        """)

    static let bye = message("""
        BYE sip:alice@pc33.atlanta.example.com SIP/2.0
        Via: SIP/2.0/UDP 192.0.2.4;branch=z9hG4bKnashds10
        Max-Forwards: 70
        From: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf
        To: Alice <sip:alice@atlanta.example.com>;tag=1928301774
        Call-ID: a84b4c76e66710@pc33.atlanta.example.com
        CSeq: 231 BYE
        Content-Length: 0


        """)

    /// A response to `request` as §8.2.6 builds it: Via lines, From, To (with `toTag`
    /// added when given), Call-ID, CSeq.
    static func response(_ code: Int, to request: SIPMessage, toTag: String? = "a6c85cf", reason: String? = nil) -> SIPMessage {
        var headers: [SIPHeaderField] = request.values(.via).map { SIPHeaderField(name: "Via", value: $0) }
        headers.append(SIPHeaderField(name: "From", value: request.value(.from)!))
        var to = request.value(.to)!
        if let toTag, request.to?.tag == nil { to += ";tag=\(toTag)" }
        headers.append(SIPHeaderField(name: "To", value: to))
        headers.append(SIPHeaderField(name: "Call-ID", value: request.value(.callID)!))
        headers.append(SIPHeaderField(name: "CSeq", value: request.value(.cseq)!))
        return .response(code, reasonPhrase: reason, headers: headers)
    }

    /// The same request as received again: its octets parsed afresh.
    static func retransmission(of request: SIPMessage) -> SIPMessage {
        try! SIPMessageParser.parse(request.serialized())
    }
}

/// The four machines, as far as a fake clock needs them.
protocol TimedMachine {
    func deadline(of timer: SIPTimer) -> SIPInstant?
    mutating func timerFired(_ timer: SIPTimer, now: SIPInstant) -> [SIPTransactionAction]
}

extension SIPClientInviteTransaction: TimedMachine {}
extension SIPClientNonInviteTransaction: TimedMachine {}
extension SIPServerInviteTransaction: TimedMachine {}
extension SIPServerNonInviteTransaction: TimedMachine {}

/// One timer firing on the fake clock and what the machine did about it.
struct Firing {
    var timer: SIPTimer
    var at: SIPInstant
    var actions: [SIPTransactionAction]
}

extension TimedMachine {
    /// The timers armed now, with their deadlines.
    var armedTimers: [SIPTimer: SIPInstant] {
        var armed: [SIPTimer: SIPInstant] = [:]
        for timer in SIPTimer.allCases { armed[timer] = deadline(of: timer) }
        return armed
    }

    /// The fake clock of the STYLE guide, run forward: fires the earliest armed timer at
    /// its deadline, again and again, until none is armed or the next is after `end`. It
    /// keeps its own table from the `.arm`/`.cancel` actions, as a runtime would, and
    /// checks after every firing that the table agrees with the machine's.
    mutating func runTimers(until end: SIPInstant = .origin + .seconds(3600)) -> [Firing] {
        var table = armedTimers
        var firings: [Firing] = []
        while let (timer, due) = table.min(by: { ($0.value, $0.key.rawValue) < ($1.value, $1.key.rawValue) }).map({ ($0.key, $0.value) }),
              due <= end {
            table[timer] = nil
            let actions = timerFired(timer, now: due)
            for action in actions {
                switch action {
                case let .arm(armed, at): table[armed] = at
                case let .cancel(cancelled): table[cancelled] = nil
                case .send, .tell: break
                }
            }
            #expect(table == armedTimers, "the arm/cancel actions after \(timer) at \(due) disagree with the machine's timers")
            firings.append(Firing(timer: timer, at: due, actions: actions))
        }
        return firings
    }
}

extension Array where Element == Firing {
    func instants(of timer: SIPTimer) -> [SIPInstant] {
        filter { $0.timer == timer }.map(\.at)
    }
}

/// Seconds since the origin, to the millisecond, for readable expectations.
func seconds(_ values: Double...) -> [SIPInstant] {
    values.map { .origin + .milliseconds(Int(($0 * 1000).rounded())) }
}
