import SIPCore

/// One account's registration: the Call-ID and CSeq all its REGISTERs share (§10.2.4),
/// what was asked and granted, and the request out.
struct Registration: Sendable {
    var account: SIPAccount
    var callID: String
    var fromTag: String
    var sequence: UInt32 = 0
    var state: SIPRegistrationState = .unregistered
    /// Seconds asked for next; raised by a 423's Min-Expires.
    var requestedExpires: Int
    var request: SIPRequestID?
    /// The REGISTER out is the one with Expires 0.
    var unregistering = false
    /// The Contact we bind, to find our binding in the 200.
    var contact: SIPURI?
}
