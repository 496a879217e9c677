/// The timers of RFC 3261 §17 (table 4 in appendix A) and RFC 6026 §7, each by its own
/// name. Which machine arms which:
///
/// | timer | machine               | what it does                                  | value (unreliable / reliable) |
/// |-------|-----------------------|-----------------------------------------------|-------------------------------|
/// | A     | client INVITE         | retransmits the INVITE, doubling, no cap      | T1, 2·T1, 4·T1… / not armed   |
/// | B     | client INVITE         | gives up waiting for any response (Calling)   | 64·T1                         |
/// | D     | client INVITE         | absorbs retransmitted non-2xx finals          | max(32 s, 64·T1) / 0          |
/// | M     | client INVITE         | absorbs and forwards 2xx (Accepted, RFC 6026) | 64·T1                         |
/// | E     | client non-INVITE     | retransmits the request, doubling up to T2    | T1, 2·T1… T2 / not armed      |
/// | F     | client non-INVITE     | gives up waiting for a final response         | 64·T1                         |
/// | K     | client non-INVITE     | absorbs retransmitted responses               | T4 / 0                        |
/// | G     | server INVITE         | retransmits the non-2xx final, doubling to T2 | T1… T2 / not armed            |
/// | H     | server INVITE         | gives up waiting for the ACK                  | 64·T1                         |
/// | I     | server INVITE         | absorbs retransmitted ACKs (Confirmed)        | T4 / 0                        |
/// | L     | server INVITE         | absorbs INVITE retransmissions (Accepted)     | 64·T1                         |
/// | J     | server non-INVITE     | absorbs retransmitted requests (Completed)    | 64·T1 / 0                     |
public enum SIPTimer: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case a = "A", b = "B", d = "D", e = "E", f = "F", g = "G", h = "H", i = "I", j = "J", k = "K", l = "L", m = "M"

    /// "Timer A".
    public var description: String { "Timer \(rawValue)" }
}
