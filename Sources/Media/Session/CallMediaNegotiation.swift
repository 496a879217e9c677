/// One call's session descriptions as a front end drives them (RFC 3264 over SIP): the
/// offer for the INVITE, what each remote description means (an answer to ours, or a new
/// offer to answer), and hold in both directions. Sans-IO: bytes in, bytes and decisions out.
public struct CallMediaNegotiation: Sendable {
    public private(set) var negotiator: SDPNegotiator
    /// We put the peer on hold (our offers say sendonly).
    public private(set) var localHold = false
    /// The last remote description taken, so the same answer again (a 183's SDP repeated in
    /// the 200, a retransmission) is not mistaken for a new offer.
    private var lastRemote: [UInt8]?

    public init(local: SDPLocalSettings) {
        negotiator = SDPNegotiator(local: local)
    }

    /// What became of a remote description.
    public enum RemoteOutcome: Sendable, Equatable {
        /// An answer to our offer: start or change media with it.
        case apply(NegotiatedAudio)
        /// An offer, answered: send `answer` (in the 200, or the answer command) and apply `media`.
        case answer([UInt8], NegotiatedAudio)
        /// An offer we cannot take: 488 Not Acceptable Here, with the reason.
        case reject(String)
        /// Nothing new (the same description again).
        case unchanged
        /// A broken answer: the call keeps the media it had; the reason says why.
        case failed(String)
    }

    /// The negotiated media now (nil before the first answer).
    public var active: NegotiatedAudio? { negotiator.active }

    /// The peer holds us: its last description lets us receive but not send.
    public var remoteHold: Bool {
        guard let active else { return false }
        return !active.direction.sends
    }

    /// Our offer (INVITE, re-INVITE, or an offer in a 200 to an offerless INVITE).
    public mutating func offer() -> [UInt8] {
        Array(negotiator.makeOffer(direction: wantedDirection).text.utf8)
    }

    /// A description from the peer: decided by where the negotiation stands.
    public mutating func remote(_ body: [UInt8]) -> RemoteOutcome {
        if negotiator.state == .done, body == lastRemote { return .unchanged }
        let description: SessionDescription
        do {
            description = try SessionDescription(parsing: String(decoding: body, as: UTF8.self))
        } catch {
            return negotiator.state == .localOffer ? .failed("the answer's session description is malformed: \(error)")
                : .reject("the offer's session description is malformed: \(error)")
        }
        lastRemote = body
        if negotiator.state == .localOffer {
            do {
                return .apply(try negotiator.receiveAnswer(description))
            } catch {
                return .failed("\(error)")
            }
        }
        do {
            let (answer, media) = try negotiator.receiveOffer(description, direction: wantedDirection)
            return .answer(Array(answer.text.utf8), media)
        } catch {
            return .reject("\(error)")
        }
    }

    /// The offer that puts the peer on hold, or nil when it already is.
    public mutating func hold() -> [UInt8]? {
        guard !localHold else { return nil }
        localHold = true
        return offer()
    }

    /// The offer that takes the peer off hold, or nil when it is not held.
    public mutating func resume() -> [UInt8]? {
        guard localHold else { return nil }
        localHold = false
        return offer()
    }

    /// Our re-INVITE was refused: the hold state goes back to what the peer agreed to.
    public mutating func offerRefused(wasHold: Bool) {
        localHold = !wasHold
        negotiator.cancelOffer()
    }

    private var wantedDirection: MediaDirection { localHold ? .sendonly : .sendrecv }
}
