/// The RFC 3264 offer/answer machine for one call's audio, after pjmedia's sdp_neg: it writes our
/// offers and answers, judges the peer's, and says what media to run. Sans-IO: descriptions in,
/// descriptions and decisions out.
///
/// - `makeOffer` (idle or done → localOffer; again in localOffer replaces the outstanding offer),
/// - `receiveAnswer` (localOffer → done; on error back to done with the old media, or idle),
/// - `receiveOffer` (idle or done → remoteOffer → done; on error the state is unchanged and the
///   caller answers 488 with the reason),
/// - `cancelOffer` (our offer was refused or timed out: localOffer → done or idle).
///
/// Every description we write keeps the `o=` username, session id and address of the first one
/// and raises the version by one whenever anything else changes (RFC 3264 §8). Re-offers keep
/// the m= lines of the last exchange in place, other streams with port 0.
///
/// Decisions worth knowing:
/// - One audio stream with one codec (plus telephone-event) per answer; every other stream
///   (video, a second audio stream, RTP/AVPF, UDP/TLS/RTP/SAVPF, no usable codec) gets port 0.
/// - An answer of the peer's is used with the first of its codecs that we offered; a codec we
///   know but did not offer is ignored (RFC 3264 §6.1 does not allow it).
/// - SRTP (SDES, RFC 4568): `.mandatory` offers RTP/SAVP + a=crypto and refuses plain answers and
///   offers; `.optional` offers RTP/AVP + a=crypto and falls back to RTP; `.off` ignores crypto in
///   RTP/AVP offers and declines RTP/SAVP. A crypto line is usable with AES_CM_128_HMAC_SHA1_80 or
///   _32, one 30-byte inline key, no MKI and no session parameters; the first usable one of an
///   offer wins and our answer keeps its tag. We offer tag 1, AES_CM_128_HMAC_SHA1_80.
/// - A peer's c= may be a host name (RFC 4317 uses them); `NegotiatedAudio.remoteAddress` passes
///   it on as written after checking its form.
public struct SDPNegotiator: Sendable {
    public private(set) var state: SDPNegotiationState = .idle
    /// The media the last completed exchange agreed; nil before the first.
    public private(set) var active: NegotiatedAudio?
    /// Our settings; may change between offers (a new address, other codecs).
    public var local: SDPLocalSettings
    /// The last description we wrote (offer or answer).
    public private(set) var lastLocalDescription: SessionDescription?
    /// The last description of the peer's we accepted.
    public private(set) var lastRemoteDescription: SessionDescription?

    /// Our outstanding offer and what it promised.
    struct PendingOffer: Sendable {
        var description: SessionDescription
        var audioIndex: Int
        var direction: MediaDirection
        var codecs: [SDPCodec]
        var telephoneEvent: Bool
        var crypto: SDPCrypto?
        var srtp: SRTPMode
        var key: [UInt8]
    }

    var pending: PendingOffer?
    /// The m= line our audio is on in the current layout.
    var audioIndex: Int?
    /// The o= line fields fixed by the first description we wrote.
    var identity: (username: String, sessionID: UInt64, address: String)?
    var version: UInt64 = 0

    public init(local: SDPLocalSettings) {
        self.local = local
    }

    /// Our offer: for the INVITE, a re-INVITE (hold with `.sendonly`, resume with `.sendrecv`),
    /// or the 200 to an INVITE without one.
    public mutating func makeOffer(direction: MediaDirection = .sendrecv) -> SessionDescription {
        let (audio, crypto) = offerSection(direction: direction)
        var sections = [audio]
        var index = 0
        if let layout = lastLocalDescription?.media, let current = audioIndex, current < layout.count {
            sections = layout.map(Self.declined)
            sections[current] = audio
            index = current
        }
        let description = stamped(sections)
        pending = PendingOffer(
            description: description, audioIndex: index, direction: direction, codecs: local.effectiveCodecs,
            telephoneEvent: local.telephoneEvent, crypto: crypto, srtp: local.srtp, key: local.srtpKey)
        state = .localOffer
        return description
    }

    /// Our offer was refused (4xx/5xx to the re-INVITE) or abandoned: the media agreed before stays.
    public mutating func cancelOffer() {
        guard state == .localOffer else { return }
        pending = nil
        state = active == nil ? .idle : .done
    }

    /// The peer's answer to our outstanding offer. The codec we send is the answer's first that we
    /// offered; we send with the answer's payload numbers and receive with ours.
    public mutating func receiveAnswer(_ answer: SessionDescription) throws(SDPNegotiationError) -> NegotiatedAudio {
        guard state == .localOffer, let offer = pending else {
            throw .wrongState("an answer arrived but no offer of ours is waiting for one")
        }
        pending = nil
        state = active == nil ? .idle : .done
        let media = try Self.evaluate(answer: answer, to: offer, local: local)
        active = media
        audioIndex = offer.audioIndex
        lastRemoteDescription = answer
        state = .done
        return media
    }

    /// The peer's offer (initial INVITE, re-INVITE, UPDATE): our answer and the media it agrees.
    /// The audio codec is the first of OUR preference the peer offers; the answer keeps every m=
    /// line, declining the ones we do not take with port 0.
    public mutating func receiveOffer(
        _ offer: SessionDescription, direction wanted: MediaDirection = .sendrecv
    ) throws(SDPNegotiationError) -> (answer: SessionDescription, media: NegotiatedAudio) {
        guard state != .localOffer else {
            throw SDPNegotiationError(kind: .offerPending, reason: "an offer arrived while ours is waiting for its answer")
        }
        let before = state
        state = .remoteOffer
        let chosen: (stream: SDPRemoteAudioStream, plan: SDPAnswerPlan)
        do {
            chosen = try choose(from: offer, wanted: wanted)
        } catch {
            state = before
            throw error
        }
        var sections = offer.media.map(Self.declined)
        sections[chosen.stream.index] = answerSection(chosen.plan, offered: chosen.stream)
        let answer = stamped(sections)
        let media = negotiated(chosen.plan, stream: chosen.stream)
        active = media
        audioIndex = chosen.stream.index
        lastRemoteDescription = offer
        state = .done
        return (answer, media)
    }

    /// Wraps media sections in our session lines, bumping the version only when the result differs
    /// from the last description we wrote.
    mutating func stamped(_ sections: [MediaDescription]) -> SessionDescription {
        let fixed = identity ?? (SDPText.token(local.username), local.sessionID, SDPText.token(local.address))
        identity = fixed
        func build(_ version: UInt64) -> SessionDescription {
            let connection = SDPConnection(address: SDPText.token(local.address))
            let origin = SDPOrigin(
                username: fixed.username, sessionID: fixed.sessionID, sessionVersion: version,
                addrType: fixed.address.contains(":") ? "IP6" : "IP4", address: fixed.address)
            return SessionDescription(origin: origin, sessionName: "-", connection: connection, media: sections)
        }
        if let last = lastLocalDescription, build(version) == last { return last }
        if version < UInt64.max { version += 1 }
        let description = build(version)
        lastLocalDescription = description
        return description
    }
}
