import SIPUserAgent

/// The session description Dialtone offers until Media exists: a valid SDP offer of
/// PCMU and PCMA (and RFC 4733 events) at our address, so peers that insist on SDP
/// accept the call. No audio flows yet; README says so.
enum SessionOffer {
    static func make(host: String, port: Int, sessionID: UInt64) -> SIPSessionBody {
        let family = host.contains(":") ? "IP6" : "IP4"
        let address = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        let lines = [
            "v=0",
            "o=dialtone \(sessionID) \(sessionID) IN \(family) \(address)",
            "s=Dialtone",
            "c=IN \(family) \(address)",
            "t=0 0",
            "m=audio \(port) RTP/AVP 0 8 101",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-16",
            "a=ptime:20",
            "a=sendrecv",
        ]
        return SIPSessionBody(contentType: "application/sdp", bytes: Array((lines.joined(separator: "\r\n") + "\r\n").utf8))
    }
}
