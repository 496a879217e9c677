import SIPUserAgent

extension AppState {
    /// Folds a media update into its call.
    mutating func apply(media update: CallMediaUpdate, for handle: SIPCallHandle) {
        guard let index = calls.firstIndex(where: { $0.handle == handle }) else { return }
        var media = calls[index].media ?? CallMediaInfo()
        switch update {
        case let .started(codec, local, remote, direction, secure, input, output):
            media.codec = codec
            media.local = local
            media.remote = remote
            media.direction = direction
            media.secure = secure
            media.input = input
            media.output = output
        case let .hold(text):
            media.hold = text == "resumed" ? "" : text
            calls[index].notices.append(.init(kind: .info, text: "⏸ \(text)"))
        case let .muted(muted):
            media.muted = muted
        case let .dtmfReceived(digit):
            media.digitsReceived = String((media.digitsReceived + String(digit)).suffix(16))
        case let .figures(figures):
            media.figures = figures
        case let .ended(summary):
            media.summary = summary
            media.figures.inputPeak = 0
            media.figures.outputPeak = 0
        case let .note(text):
            calls[index].notices.append(.init(kind: .info, text: text))
        }
        calls[index].media = media
    }

    /// The call that media keys act on: the selected call if it is connected, else the newest connected one.
    var mediaCall: CallRecord? {
        if let selected = calls.first(where: { $0.handle == selectedCall }), selected.state == .connected { return selected }
        return calls.last { $0.state == .connected }
    }

    /// `m`, `p` and the keypad digits while a call is connected.
    mutating func mediaAction(_ action: Action) -> [AppEffect] {
        guard let call = mediaCall else {
            message = ("no connected call", false)
            return []
        }
        switch action {
        case .mute:
            let muted = !(call.media?.muted ?? false)
            return [.media(call.handle, .mute(muted))]
        case .hold:
            return [.media(call.handle, call.media?.hold == "on hold" ? .resume : .hold)]
        default:
            return []
        }
    }

    /// A DTMF key (0-9, *, #) in the call panel: sent to the connected call; nil when none
    /// is connected (the key then starts dialling, as before).
    mutating func dtmfKey(_ character: Character) -> [AppEffect]? {
        guard "0123456789*#".contains(character), let call = mediaCall else { return nil }
        message = ("dtmf \(character) → \(call.handle)", false)
        return [.media(call.handle, .dtmf(String(character)))]
    }
}
