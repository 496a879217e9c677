/// Where an offer/answer exchange stands (after pjmedia's sdp_neg states).
public enum SDPNegotiationState: Sendable, Equatable {
    /// Nothing exchanged yet.
    case idle
    /// We sent an offer and wait for the answer (`receiveAnswer`).
    case localOffer
    /// An offer from the peer is being answered. `receiveOffer` answers at once, so this is
    /// only seen inside it; it exists so the machine's states match RFC 3264's.
    case remoteOffer
    /// The last exchange completed: `active` is what the call uses; either side may offer again.
    case done
}
