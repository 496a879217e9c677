import Media
import MediaNIO
import SIPUserAgent

/// What the media side of calls tells a front end: the screen folds these into the call
/// panel, `--no-tui` prints one line each (`media: `, `dtmf received: `, `on hold`…).
enum CallMediaEvent: Sendable {
    /// Media started or changed: codec, addresses, direction, devices.
    case media(SIPCallHandle, MediaStreamDescription)
    /// One digit per RFC 4733 event (or per SIP INFO dtmf-relay).
    case dtmfReceived(SIPCallHandle, DTMFDigit)
    /// The hold state changed: `on hold` (we hold), `held by peer`, `resumed`.
    case hold(SIPCallHandle, String)
    case muted(SIPCallHandle, Bool)
    /// Live figures, about once a second while the call has media.
    case statistics(SIPCallHandle, MediaStreamStatistics)
    /// The call's media ended: the final figures (the `rtp: ` line).
    case ended(SIPCallHandle, MediaStreamStatistics)
    /// Something to know that changes nothing (a device fallback, a refused re-INVITE).
    case note(SIPCallHandle?, String)
}

extension CallMediaEvent {
    /// The `--no-tui` line for this event (without the time), or nil for live figures.
    var line: String? {
        switch self {
        case let .media(call, description):
            var text = "\(call): media: \(description)"
            if !description.input.isEmpty { text += " (in: \(description.input), out: \(description.output))" }
            return text
        case let .dtmfReceived(call, digit): return "\(call): dtmf received: \(digit.character)"
        case let .hold(call, text): return "\(call): \(text)"
        case let .muted(call, muted): return "\(call): \(muted ? "muted" : "unmuted")"
        case .statistics: return nil
        case let .ended(call, figures): return "\(call): \(figures.summary)"
        case let .note(call, text): return call.map { "\($0): \(text)" } ?? text
        }
    }
}
