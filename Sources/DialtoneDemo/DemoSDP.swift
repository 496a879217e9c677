/// The demo's session descriptions: an RFC 3264 answer to an offer (PCMU preferred, then
/// PCMA, telephone-event when offered), or an offer of its own when the INVITE had none.
/// Media (later) owns real SDP; the demo needs only enough to be a correct peer, so this
/// reads `m=`, and `a=rtpmap` lines and nothing else. No RTP is sent or received yet.
struct DemoSDP: Sendable {
    var host: String
    var mediaPort: Int
    /// o= session id and version; the version goes up with each new description (§8 of RFC 3264).
    var sessionID: UInt64
    var version: UInt64 = 1

    /// The answer to `offer`, or nil when no audio stream offers PCMU or PCMA (488).
    mutating func answer(to offer: String) -> String? {
        let lines = offer.split(omittingEmptySubsequences: true) { $0.isNewline }.map(String.init)
        var media: [(line: String, attributes: [String])] = []
        for line in lines {
            if line.hasPrefix("m=") {
                media.append((line, []))
            } else if line.hasPrefix("a="), !media.isEmpty {
                media[media.count - 1].attributes.append(String(line.dropFirst(2)))
            }
        }
        var answered = false
        var body = header()
        for (line, attributes) in media {
            let fields = line.dropFirst(2).split(separator: " ").map(String.init)
            guard fields.count >= 4 else { return nil }
            let kind = fields[0], proto = fields[2], formats = Array(fields[3...])
            let chosen = answered || kind != "audio" || fields[1] == "0" ? nil : formats.first { $0 == "0" } ?? formats.first { $0 == "8" }
            guard let chosen else {
                // RFC 3264 §6: a stream not accepted is answered with port 0.
                body += "m=\(kind) 0 \(proto) \(formats[0])\r\n"
                continue
            }
            answered = true
            let event = attributes.first { $0.lowercased().contains("telephone-event/8000") && $0.hasPrefix("rtpmap:") }
                .flatMap { $0.dropFirst("rtpmap:".count).split(separator: " ").first.map(String.init) }
            body += "m=audio \(mediaPort) RTP/AVP \(chosen)\(event.map { " \($0)" } ?? "")\r\n"
            body += chosen == "0" ? "a=rtpmap:0 PCMU/8000\r\n" : "a=rtpmap:8 PCMA/8000\r\n"
            if let event { body += "a=rtpmap:\(event) telephone-event/8000\r\na=fmtp:\(event) 0-16\r\n" }
            body += "a=ptime:20\r\na=sendrecv\r\n"
        }
        return answered ? body : nil
    }

    /// An offer for an INVITE that came without one: PCMU, PCMA and telephone-event.
    mutating func offer() -> String {
        header() + "m=audio \(mediaPort) RTP/AVP 0 8 101\r\n"
            + "a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n"
    }

    private mutating func header() -> String {
        defer { version += 1 }
        let address = host.contains(":") ? "IN IP6 \(host)" : "IN IP4 \(host)"
        return "v=0\r\no=dialtone-demo \(sessionID) \(version) \(address)\r\ns=Dialtone demo\r\nc=\(address)\r\nt=0 0\r\n"
    }
}
