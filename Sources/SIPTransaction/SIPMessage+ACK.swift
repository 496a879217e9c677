import SIPCore

extension SIPMessage {
    /// The ACK a client INVITE transaction sends for a non-2xx final response
    /// (RFC 3261 §17.1.1.3): part of the INVITE's transaction, so it reuses the INVITE's
    /// top Via and branch.
    ///
    /// - Request-URI, Call-ID and From: the INVITE's;
    /// - Via: the INVITE's top Via only;
    /// - To: the response's (it carries the tag the responder added);
    /// - CSeq: the INVITE's number, method ACK;
    /// - Route: the INVITE's Route lines, so the ACK follows the INVITE's path;
    /// - Max-Forwards: 70 (§8.1.1.6); no body, Content-Length 0.
    ///
    /// Values are copied as they were written. The ACK for a 2xx is not built here: it is
    /// a transaction of its own, sent by the user agent (§13.2.2.4).
    public static func ack(forNonSuccess response: SIPMessage, to invite: SIPMessage) -> SIPMessage {
        var headers: [SIPHeaderField] = []
        if let via = invite.topViaText {
            headers.append(SIPHeaderField(name: "Via", value: via))
        }
        headers.append(SIPHeaderField(name: "Max-Forwards", value: "70"))
        for route in invite.values(.route) {
            headers.append(SIPHeaderField(name: "Route", value: route))
        }
        if let from = invite.value(.from) {
            headers.append(SIPHeaderField(name: "From", value: from))
        }
        if let to = response.value(.to) ?? invite.value(.to) {
            headers.append(SIPHeaderField(name: "To", value: to))
        }
        if let callID = invite.value(.callID) {
            headers.append(SIPHeaderField(name: "Call-ID", value: callID))
        }
        if let cseq = invite.cseq {
            headers.append(SIPHeaderField(name: "CSeq", value: "\(cseq.sequence) ACK"))
        }
        headers.append(SIPHeaderField(name: "Content-Length", value: "0"))
        return .request(.ack, uri: invite.requestURIText ?? "", headers: headers)
    }

    /// The top Via as text: the first Via line as written when it holds one Via, or the
    /// top Via written canonically when that line lists several.
    var topViaText: String? {
        guard let first = values(.via).first else { return nil }
        if vias.count == count(of: .via) { return first }
        return topVia?.description
    }
}
