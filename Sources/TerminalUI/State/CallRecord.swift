import SIPCore
import SIPUserAgent

/// One call as the call panel shows it: folded from the user agent's events, with the
/// times taken from the clock as each event arrived.
public struct CallRecord: Sendable {
    public var handle: SIPCallHandle
    public var outgoing: Bool
    public var remote: SIPURI
    public var local: SIPURI
    public var state: SIPCallState = .calling
    public var startedAt: Double
    public var connectedAt: Double?
    public var endedAt: Double?
    /// "180 Ringing": the last provisional response.
    public var lastProvisional: String?
    /// Redirects and authentication rounds, oldest first, each one line.
    public var notices: [Notice] = []
    /// What was typed on the dial line for this call (nil for incoming calls and calls
    /// dialled some other way): the history entry a 301 may replace.
    public var dialled: String?
    /// A 301 moved what was dialled here for good: `u` puts this in the history in
    /// place of `dialled`. A 302 never sets it.
    public var movedPermanently: SIPURI?
    /// The call's media once it has some.
    public var media: CallMediaInfo?

    public struct Notice: Sendable {
        public enum Kind: Sendable { case redirect, authentication, info }
        public var kind: Kind
        public var text: String
    }

    public init(handle: SIPCallHandle, outgoing: Bool, remote: SIPURI, local: SIPURI, startedAt: Double) {
        self.handle = handle
        self.outgoing = outgoing
        self.remote = remote
        self.local = local
        self.startedAt = startedAt
        state = outgoing ? .calling : .incoming
    }

    public var isActive: Bool { !state.isEnded }

    /// "Calling", "Ringing", "Ended"…
    public var stateLabel: String {
        switch state {
        case .calling: "Calling"
        case .trying: "Trying"
        case .ringing: "Ringing"
        case .early: "Early media"
        case .incoming: "Incoming"
        case .connected: "Connected"
        case .terminating: "Hanging up"
        case .ended: "Ended"
        }
    }

    public var stateRole: Role {
        switch state {
        case .calling: .callCalling
        case .trying: .callTrying
        case .ringing: .callRinging
        case .early: .callEarly
        case .incoming: .callIncoming
        case .connected: .callConnected
        case .terminating: .callTerminating
        case let .ended(end): end.cause == .normal || end.cause == .cancelled ? .callEnded : .callFailed
        }
    }

    /// Seconds to show: since it connected when it did, else since it started; frozen
    /// at the end.
    public func elapsed(now: Double) -> Double {
        let end = endedAt ?? now
        return end - (connectedAt ?? startedAt)
    }

    /// "486 Busy Here: The callee is busy…" with the catalog's one line for the code.
    public var endText: String? {
        guard case let .ended(end) = state else { return nil }
        var text = end.description
        if end.code != 0, let entry = SIPStatusCatalog.entry(for: end.code) {
            if !end.reason.lowercased().contains(entry.reasonPhrase.lowercased()) {
                text += " (\(entry.reasonPhrase))"
            }
            text += " — " + entry.summary
        }
        return text
    }
}
