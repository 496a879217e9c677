/// Each call: remote party, state, elapsed time, the last provisional response; under it
/// the redirect and authentication notices ("moved temporarily to …, attempt 2") and,
/// once it ended, the reason with the catalog's explanation.
struct CallPanel: Widget {
    let state: AppState

    /// Notices shown per call (the newest).
    static let noticesShown = 3

    struct Line {
        var spans: [(String, Role)]
        var selected = false
    }

    static func lineCount(_ state: AppState) -> Int {
        if state.calls.isEmpty { return max(1, state.intro.count) }
        return state.calls.reduce(0) { $0 + 1 + mediaLineCount($1) + min($1.notices.count, noticesShown) + ($1.isActive ? 0 : 1) }
    }

    func lines() -> [Line] {
        var out: [Line] = []
        let now = state.clock.seconds
        for call in state.calls {
            let selected = call.handle == state.selectedCall
            let textRole: Role = call.isActive ? .text : .dim
            var spans: [(String, Role)] = [
                (selected ? "▶ " : "  ", .selection),
                ("#\(call.handle.rawValue) ", .dim),
                (call.outgoing ? "→ " : "← ", textRole),
                (call.remote.description, textRole),
                ("  ", textRole),
                (call.stateLabel, call.stateRole),
                ("  " + WallClock.duration(call.elapsed(now: now)), textRole),
            ]
            if let provisional = call.lastProvisional, call.isActive || call.connectedAt == nil {
                spans.append(("  last: " + provisional, .dim))
            }
            out.append(Line(spans: spans, selected: selected))
            if let media = call.media { out += Self.mediaLines(media, active: call.isActive) }
            for notice in call.notices.suffix(Self.noticesShown) {
                let role: Role = switch notice.kind {
                case .redirect: .redirect
                case .authentication: .notice
                case .info: .dim
                }
                out.append(Line(spans: [("    ", .text), (notice.text, role)]))
            }
            if let end = call.endText {
                let mark = call.stateRole == .callFailed ? "    ✗ " : "    ■ "
                out.append(Line(spans: [(mark, call.stateRole), (end, call.stateRole)]))
            }
        }
        return out
    }

    static func mediaLineCount(_ call: CallRecord) -> Int {
        guard call.media != nil else { return 0 }
        return call.isActive ? 2 : 1
    }

    /// "♪ PCMU/8000 sendrecv 127.0.0.1:40000 ⇄ …  in null ▮▮▯▯▯  out …" and the live figures.
    static func mediaLines(_ media: CallMediaInfo, active: Bool) -> [Line] {
        if !active {
            return [Line(spans: [("    ♪ ", .dim), (media.summary ?? "\(media.codec)", .dim)])]
        }
        var first: [(String, Role)] = [("    ♪ ", .notice), (media.codec, .text), (" " + media.direction, .dim)]
        if media.secure { first.append((" srtp", .notice)) }
        first.append(("  \(media.local) ⇄ \(media.remote)", .dim))
        if !media.hold.isEmpty { first.append(("  " + media.hold, .callEarly)) }
        if media.muted { first.append(("  muted", .callEarly)) }
        first.append(("  in " + media.input + " ", .dim))
        first.append((meter(media.figures.inputPeak), .callConnected))
        first.append(("  out " + media.output + " ", .dim))
        first.append((meter(media.figures.outputPeak), .callConnected))
        let figures = media.figures
        var text = "rtp ↑\(figures.packetsSent) ↓\(figures.packetsReceived)  loss \(oneDecimal(figures.lossPercent))%"
            + "  jitter \(Int(figures.jitterMilliseconds.rounded())) ms"
        if let rtt = figures.roundTripMilliseconds { text += "  rtt \(Int(rtt.rounded())) ms" }
        if let mos = figures.mos { text += "  MOS \(oneDecimal(mos))" }
        var second: [(String, Role)] = [("      ", .text), (text, .dim)]
        if !media.digitsReceived.isEmpty { second.append(("  dtmf received: " + media.digitsReceived, .notice)) }
        return [Line(spans: first), Line(spans: second)]
    }

    /// Five steps from −40 dBFS to −3 dBFS.
    static func meter(_ peak: Int) -> String {
        let steps = [328, 1036, 3277, 10_362, 23_197]
        let lit = steps.filter { peak >= $0 }.count
        return String(repeating: "▮", count: lit) + String(repeating: "▯", count: steps.count - lit)
    }

    static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((max(0, value) * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    func render(_ area: Rect, into buffer: inout CellBuffer) {
        guard !area.isEmpty else { return }
        let active = state.activeCalls.count
        buffer.rule(area, title: "Calls", right: active == 0 ? "" : "\(active) active")
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        let all = lines()
        if all.isEmpty, !state.intro.isEmpty {
            for (row, line) in state.intro.prefix(body.height).enumerated() {
                buffer.write("  " + line, x: body.x, y: body.y + row, limit: body.maxX, role: row == 0 ? .notice : .hint)
            }
            return
        }
        if all.isEmpty {
            buffer.write("  No calls. Type a number or a sip: address on the dial line and press Enter.", x: body.x, y: body.y, limit: body.maxX, role: .hint)
            return
        }
        // The newest lines when they do not all fit.
        for (row, line) in all.suffix(body.height).enumerated() {
            buffer.spans(line.spans, x: body.x, y: body.y + row, limit: body.maxX)
        }
    }
}
