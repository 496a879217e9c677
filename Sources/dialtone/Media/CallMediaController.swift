import Media
import MediaNIO
import SIPCore
import SIPUserAgent

/// Gives every call a voice: opens a `MediaStream` per call, makes the offer that goes
/// into the INVITE, answers the peer's offers (INVITE, re-INVITE, UPDATE) or refuses them
/// with 488, applies answers, and carries out hold, resume, mute and DTMF. The one place
/// where SIP events meet media, shared by the screen and `--no-tui` (DESIGN.md: the user
/// agent passes session descriptions through; Media makes and reads them).
///
/// An actor: events are handled one at a time, in the order the user agent emitted them.
actor CallMediaController {
    struct Settings: Sendable {
        var codecs: [SDPCodec] = SDPCodec.defaultPreference
        var opusBitrate: Int?
        var srtp: SRTPMode = .off
        var ports: ClosedRange<Int> = 40_000...49_999
        var devices: MediaDevicePlan
        /// The address in c= (the one SIP to the peer uses; never the wildcard).
        var advertisedHost: String
        /// Where the RTP sockets bind (the wildcard when SIP binds it).
        var bindHost: String
        var autoAnswer = false
    }

    private struct CallMedia {
        var stream: MediaStream
        var negotiation: CallMediaNegotiation
        var muted = false
        var holdText = ""
        var forwarding: Task<Void, Never>?
    }

    let settings: Settings
    private let send: @Sendable (SIPUserAgentCommand) -> Void
    private let emit: @Sendable (CallMediaEvent) -> Void
    private var calls: [SIPCallHandle: CallMedia] = [:]
    /// Streams opened for calls placed but not yet named by `callStarted` (first in, first out).
    private var placing: [CallMedia] = []
    /// Incoming calls not answered yet, with the offer their INVITE carried (nil: offerless).
    private var ringing: [SIPCallHandle: [UInt8]?] = [:]
    private var figures: Task<Void, Never>?

    init(settings: Settings, send: @escaping @Sendable (SIPUserAgentCommand) -> Void, emit: @escaping @Sendable (CallMediaEvent) -> Void) {
        self.settings = settings
        self.send = send
        self.emit = emit
    }

    // MARK: Commands

    /// Places a call with our offer in the INVITE. Without a free RTP port the call still
    /// goes out, with no session description (and says why).
    func placeCall(to target: SIPURI, account: String?) async {
        guard let media = await openCall() else {
            send(.call(target, account: account, offer: nil))
            return
        }
        var call = media
        let offer = call.negotiation.offer()
        placing.append(call)
        send(.call(target, account: account, offer: SIPSessionBody(bytes: offer)))
    }

    /// Answers an incoming call: our answer to its offer (488 when nothing fits), or our
    /// offer when the INVITE had none (the answer then comes in the ACK).
    func answer(_ handle: SIPCallHandle) async {
        guard let offer = ringing.removeValue(forKey: handle) else { return }
        guard var call = await openCall() else {
            send(.answer(handle, answer: nil))
            return
        }
        if let offer {
            switch call.negotiation.remote(offer) {
            case let .answer(body, media):
                adopt(handle, &call)
                send(.answer(handle, answer: SIPSessionBody(bytes: body)))
                await apply(handle, media)
            case let .reject(reason):
                emit(.note(handle, "refusing the call: \(reason)"))
                send(.reject(handle, code: 488))
                _ = await call.stream.close()
            default:
                _ = await call.stream.close()
                send(.reject(handle, code: 488))
            }
        } else {
            let body = call.negotiation.offer()
            adopt(handle, &call)
            send(.answer(handle, answer: SIPSessionBody(bytes: body)))
        }
    }

    func hold(_ handle: SIPCallHandle) {
        guard var call = calls[handle], let offer = call.negotiation.hold() else { return }
        calls[handle] = call
        call.stream.setMuted(true)
        send(.updateSession(handle, offer: SIPSessionBody(bytes: offer)))
    }

    func resume(_ handle: SIPCallHandle) {
        guard var call = calls[handle], let offer = call.negotiation.resume() else { return }
        calls[handle] = call
        send(.updateSession(handle, offer: SIPSessionBody(bytes: offer)))
    }

    func setMuted(_ handle: SIPCallHandle, _ muted: Bool) {
        guard var call = calls[handle], call.muted != muted else { return }
        call.muted = muted
        calls[handle] = call
        call.stream.setMuted(muted || call.negotiation.localHold)
        emit(.muted(handle, muted))
    }

    /// Sends digits as RFC 4733 events; characters that are not DTMF are skipped (and said).
    func sendDigits(_ handle: SIPCallHandle, _ text: String) {
        guard let call = calls[handle] else { return }
        let digits = text.compactMap { DTMFDigit(character: $0) }
        if digits.count != text.count { emit(.note(handle, "dtmf: skipped what is not 0-9, *, #, A-D in \"\(text)\"")) }
        guard !digits.isEmpty else { return }
        if call.negotiation.active?.sendTelephoneEvent == nil {
            emit(.note(handle, "dtmf: the peer did not accept telephone-event, so digits cannot be sent in RTP"))
            return
        }
        call.stream.sendDigits(digits)
    }

    /// The call that commands without a handle act on: the newest with media.
    var newestCall: SIPCallHandle? { calls.keys.max() }

    // MARK: Events

    func handle(_ event: SIPUserAgentEvent) async {
        switch event {
        case let .callStarted(handle, outgoing, _, _):
            if outgoing {
                guard !placing.isEmpty else { return }
                var call = placing.removeFirst()
                adopt(handle, &call)
            } else {
                ringing[handle] = .some(nil)
            }
        case let .remoteSession(handle, _, body):
            if ringing[handle] != nil {
                ringing[handle] = .some(body)
                return
            }
            await remoteSession(handle, body)
        case let .callState(handle, state):
            switch state {
            case .incoming:
                if settings.autoAnswer { await answer(handle) }
            case .ended:
                ringing[handle] = nil
                await end(handle)
            default:
                break
            }
        case let .sessionOffer(handle, question, offer):
            await sessionOffer(handle, question: question, offer: offer)
        case let .sessionUpdated(handle, accepted, code, reason):
            guard !accepted, var call = calls[handle] else { return }
            let wasHold = call.negotiation.localHold
            call.negotiation.offerRefused(wasHold: wasHold)
            calls[handle] = call
            call.stream.setMuted(call.muted || call.negotiation.localHold)
            emit(.note(handle, "\(wasHold ? "hold" : "resume") refused: \(code) \(reason)"))
        case let .info(handle, contentType, body):
            guard contentType.lowercased().hasPrefix("application/dtmf") else { return }
            if let relay = DTMFRelay.parse(body) { emit(.dtmfReceived(handle, relay.digit)) }
        default:
            break
        }
    }

    private func remoteSession(_ handle: SIPCallHandle, _ body: [UInt8]) async {
        guard var call = calls[handle] else { return }
        let outcome = call.negotiation.remote(body)
        calls[handle] = call
        switch outcome {
        case let .apply(media), let .answer(_, media):
            // An offer in a 2xx or ACK where an answer was due cannot be answered any more
            // (RFC 3264 allows none there); it is applied as the peer's wish.
            await apply(handle, media)
        case let .failed(reason), let .reject(reason):
            emit(.note(handle, "media: \(reason)"))
        case .unchanged:
            break
        }
    }

    private func sessionOffer(_ handle: SIPCallHandle, question: Int, offer: SIPSessionBody?) async {
        guard var call = calls[handle] else {
            send(.answerSession(question: question, nil))
            return
        }
        guard let offer else {
            let body = call.negotiation.offer()
            calls[handle] = call
            send(.answerSession(question: question, SIPSessionBody(bytes: body)))
            return
        }
        let outcome = call.negotiation.remote(offer.bytes)
        calls[handle] = call
        switch outcome {
        case let .answer(body, media):
            send(.answerSession(question: question, SIPSessionBody(bytes: body)))
            await apply(handle, media)
        case let .reject(reason), let .failed(reason):
            emit(.note(handle, "refused the peer's new offer (488): \(reason)"))
            send(.answerSession(question: question, nil))
        case .apply, .unchanged:
            // The same description again: answer with ours as it stands.
            let body = call.negotiation.offer()
            calls[handle] = call
            send(.answerSession(question: question, SIPSessionBody(bytes: body)))
        }
    }

    /// Starts or changes the stream, and says what changed: media, hold.
    private func apply(_ handle: SIPCallHandle, _ media: NegotiatedAudio) async {
        guard var call = calls[handle] else { return }
        await call.stream.apply(media, devices: settings.devices)
        call.stream.setMuted(call.muted || call.negotiation.localHold)
        let holdText: String
        switch (call.negotiation.localHold, call.negotiation.remoteHold) {
        case (true, _): holdText = "on hold"
        case (false, true): holdText = "held by peer"
        case (false, false): holdText = call.holdText.isEmpty ? "" : "resumed"
        }
        if holdText != call.holdText, !(holdText.isEmpty) {
            emit(.hold(handle, holdText))
        }
        call.holdText = holdText == "resumed" ? "" : holdText
        calls[handle] = call
        startFigures()
    }

    private func end(_ handle: SIPCallHandle) async {
        guard let call = calls.removeValue(forKey: handle) else { return }
        let final = await call.stream.close()
        call.forwarding?.cancel()
        if call.negotiation.active != nil { emit(.ended(handle, final)) }
        if calls.isEmpty {
            figures?.cancel()
            figures = nil
        }
    }

    /// Closes every stream (the program is leaving).
    func closeAll() async {
        for handle in Array(calls.keys) { await end(handle) }
        for call in placing { _ = await call.stream.close() }
        placing.removeAll()
    }

    // MARK: Streams

    private func openCall() async -> CallMedia? {
        do {
            let stream = try await MediaStream.open(bindHost: settings.bindHost, advertisedHost: settings.advertisedHost, ports: settings.ports)
            var key: [UInt8] = []
            if settings.srtp != .off { key = (0..<30).map { _ in UInt8.random(in: 0...255) } }
            let local = SDPLocalSettings(
                address: settings.advertisedHost, rtpPort: stream.localPort, codecs: settings.codecs, opusBitrate: settings.opusBitrate,
                srtp: settings.srtp, srtpKey: key, sessionID: UInt64.random(in: 1..<UInt64(Int64.max)))
            return CallMedia(stream: stream, negotiation: CallMediaNegotiation(local: local))
        } catch {
            emit(.note(nil, "no audio for this call: \(error)"))
            return nil
        }
    }

    /// Names a stream by its call, and forwards what the stream says (digits, notes).
    private func adopt(_ handle: SIPCallHandle, _ call: inout CallMedia) {
        let stream = call.stream
        let emit = self.emit
        call.forwarding = Task {
            for await event in stream.events {
                switch event {
                case let .dtmfReceived(digit): emit(.dtmfReceived(handle, digit))
                case let .started(description): emit(.media(handle, description))
                case let .note(text): emit(.note(handle, text))
                case let .latched(source): emit(.note(handle, "rtp: receiving from \(source)"))
                case .peerBye: break
                }
            }
        }
        calls[handle] = call
    }

    /// Live figures once a second while any call has media (nothing runs when idle).
    private func startFigures() {
        guard figures == nil else { return }
        figures = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                guard let self else { return }
                await self.publishFigures()
            }
        }
    }

    private func publishFigures() async {
        for (handle, call) in calls where call.negotiation.active != nil {
            emit(.statistics(handle, await call.stream.statistics()))
        }
    }
}
