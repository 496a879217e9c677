import SIPCore

/// A call was redirected by a 3xx and is being retried at a new target (DESIGN.md, "302").
public struct SIPRedirectNotice: Sendable, Hashable, CustomStringConvertible {
    /// The target that answered 3xx.
    public var from: SIPURI
    /// Where the call goes now.
    public var to: SIPURI
    /// 301, 302…
    public var code: Int
    /// Which INVITE of the call this is about to be: 2 for the first retry.
    public var attempt: Int

    public init(from: SIPURI, to: SIPURI, code: Int, attempt: Int) {
        self.from = from
        self.to = to
        self.code = code
        self.attempt = attempt
    }

    /// What a person reads: "moved temporarily to sip:bob@10.0.0.2" for a 302.
    public var text: String {
        switch code {
        case 301: "moved permanently to \(to)"
        case 302: "moved temporarily to \(to)"
        case 300: "multiple choices: trying \(to)"
        default: "redirected (\(code)) to \(to)"
        }
    }

    /// A 301 says the dialled address itself changed: a front end may offer to update
    /// the history entry. A 302 never does.
    public var offersUpdate: Bool { code == 301 }

    public var description: String { "\(text) (\(code) from \(from), attempt \(attempt))" }
}
