/// Whether calls use SRTP with SDES keys (RFC 4568).
public enum SRTPMode: String, Sendable, CaseIterable {
    /// Plain RTP; crypto lines in an offer are ignored, RTP/SAVP offers are declined.
    case off
    /// Best effort: offer RTP/AVP with `a=crypto`, use SRTP when the peer agrees, plain RTP if not.
    case optional
    /// SRTP or no call: offer RTP/SAVP with `a=crypto`, refuse anything without a usable key.
    case mandatory
}
