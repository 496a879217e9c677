import SIPCore

/// Where a call's offer/answer exchanges inside its dialog stand (RFC 3264 carried by
/// re-INVITE, RFC 3261 §14, and UPDATE, RFC 3311). The bodies stay opaque: the user agent
/// only keeps track of who owes whom an answer, so that glare is detected and one
/// exchange runs at a time.
struct SessionNegotiation: Sendable {
    /// Our re-INVITE with an offer (`updateSession`), out or waiting to be retried after a 491.
    var outgoing: OutgoingReinvite?
    /// An offer asked for while another exchange was under way: sent once it ends. A newer
    /// one replaces it (latest wins).
    var queued: SIPSessionBody?
    /// The peer's re-INVITE or UPDATE the front end has not answered yet (its question id).
    var question: Int?
    /// Our 2xx to an offerless INVITE carried the offer: the peer's answer comes in the ACK.
    var offerInOurAnswer = false
    /// The ACK we sent for the last 2xx to our re-INVITE, sent again for each retransmission.
    var reinviteACK: SIPMessage?
    var reinviteACKNextHop: SIPURI?

    /// Our re-INVITE and what it carries.
    struct OutgoingReinvite: Sendable {
        var offer: SIPSessionBody
        /// The client transaction out; nil while the 491 back-off timer runs.
        var request: SIPRequestID?
        /// The INVITE as sent (its CSeq and credentials go into the ACK).
        var message: SIPMessage?
        /// A 491 was already retried once (§14.1): the next one gives up.
        var retried = false
        /// The 491 back-off has run out; the retry waits only for the peer's exchange to end.
        var retryDue = false
    }

    /// Our own re-INVITE is in a transaction right now (the peer's INVITE glares with it).
    var isReinviteInProgress: Bool { outgoing?.request != nil }

    /// We have made an offer the peer has not answered yet.
    var isOfferOutstanding: Bool { isReinviteInProgress || offerInOurAnswer }
}
