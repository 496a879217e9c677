import Media
import MediaNIO
import SIPNIO

extension HeadlessEventFormatter {
    /// The line for a media event: `call 1: media: PCMU/8000 …`, `call 1: dtmf received: 5`,
    /// `call 1: on hold`, `call 1: rtp: sent N, received N, lost N, jitter N ms` — the words
    /// scripts rely on — or one JSON object. Live figures are not printed.
    func line(for event: CallMediaEvent) -> String? {
        let time = SIPWallTime.now().description
        guard json else { return event.line.map { "\(time) \($0)" } }
        var members: [(String, JSON)] = [("time", .string(time))]
        func add(_ key: String, _ value: JSON) { members.append((key, value)) }
        switch event {
        case let .media(call, description):
            add("event", .string("media"))
            add("call", .int(call.rawValue))
            add("codec", .string(description.codec))
            add("local", .string(description.local))
            add("remote", .string(description.remote))
            add("direction", .string(description.direction.rawValue))
            add("srtp", .bool(description.srtp))
            add("input", .string(description.input))
            add("output", .string(description.output))
        case let .dtmfReceived(call, digit):
            add("event", .string("dtmf_received"))
            add("call", .int(call.rawValue))
            add("digit", .string(String(digit.character)))
        case let .hold(call, text):
            add("event", .string("hold"))
            add("call", .int(call.rawValue))
            add("state", .string(text))
        case let .muted(call, muted):
            add("event", .string("mute"))
            add("call", .int(call.rawValue))
            add("muted", .bool(muted))
        case .statistics:
            return nil
        case let .ended(call, figures):
            add("event", .string("rtp"))
            add("call", .int(call.rawValue))
            add("sent", .int(Int(figures.packetsSent)))
            add("received", .int(Int(figures.packetsReceived)))
            add("lost", .int(Int(max(0, figures.packetsLost))))
            add("jitter_ms", .int(Int(figures.jitterMilliseconds.rounded())))
            if let rtt = figures.roundTripMilliseconds { add("rtt_ms", .int(Int(rtt.rounded()))) }
            add("text", .string(figures.summary))
        case let .note(call, text):
            add("event", .string("media_note"))
            if let call { add("call", .int(call.rawValue)) }
            add("text", .string(text))
        }
        return JSON.object(members).serialized
    }
}
