import SIPCore

/// Everything the user agent knows about one call, outgoing or incoming, across its
/// redirects, authentication rounds and dialog.
struct Call: Sendable {
    let handle: SIPCallHandle
    let outgoing: Bool
    var account: String?
    var state: SIPCallState

    // The call's identity before (and beyond) the dialog.
    var callID: String
    var localTag: String
    /// Our side: From of an outgoing call, To of an incoming one (no tag).
    var localAddress: SIPNameAddress
    /// The other side: To of an outgoing call (as dialled, no tag), From of an incoming one.
    var remoteAddress: SIPNameAddress
    /// The last CSeq we used before the dialog (then the dialog counts).
    var sequence: UInt32 = 0
    /// Our session description in force: the offer or answer of the last exchange that
    /// completed (the first INVITE's or 2xx's, then each re-INVITE or UPDATE that succeeded).
    var session: SIPSessionBody?

    // Outgoing.
    /// What the user dialled: never changed by a redirect (only a 301 may offer to).
    var dialled: SIPURI
    /// Where the current INVITE went.
    var target: SIPURI
    var targets: RedirectTargetSet
    var invite: SIPRequestID?
    var inviteMessage: SIPMessage?
    var inviteNextHop: SIPURI?
    var gotProvisional = false
    /// Hang-up asked before any provisional: the CANCEL waits for one (§9.1).
    var cancelWanted = false
    var cancelSent = false
    /// The ACK sent for the 2xx, sent again for each retransmission of it.
    var ack: SIPMessage?
    var ackNextHop: SIPURI?
    /// The failure that ends the call if no other target is left (for serial retry).
    var lastFailure: SIPCallEnd?

    // Incoming.
    var server: SIPServerRequestID?
    var incomingInvite: SIPMessage?
    /// Our 2xx, sent again until the ACK (§13.3.1.4).
    var answer: SIPMessage?
    var answerServer: SIPServerRequestID?
    var answerInterval: Duration = .zero

    var dialog: SIPDialog?
    var bye: SIPRequestID?
    /// Offer/answer inside the dialog: re-INVITE and UPDATE, theirs and ours.
    var negotiation = SessionNegotiation()
}
