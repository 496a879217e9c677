import SIPCore

extension SIPMessage {
    /// The 100 (Trying) a server INVITE transaction sends as soon as it exists, to stop
    /// the client retransmitting (RFC 3261 §17.2.1): built as §8.2.6 says — every Via line
    /// in order, To (without adding a tag: §17.2.1 makes that SHOULD NOT), From, Call-ID,
    /// CSeq, and Timestamp when the request has one (§8.2.6.1) — with no body.
    public static func tryingResponse(to request: SIPMessage) -> SIPMessage {
        var headers: [SIPHeaderField] = []
        for via in request.values(.via) {
            headers.append(SIPHeaderField(name: "Via", value: via))
        }
        let copied: [(SIPHeaderName, String)] = [(.to, "To"), (.from, "From"), (.callID, "Call-ID"), (.cseq, "CSeq"), (.timestamp, "Timestamp")]
        for (kind, name) in copied {
            if let value = request.value(kind) {
                headers.append(SIPHeaderField(name: name, value: value))
            }
        }
        headers.append(SIPHeaderField(name: "Content-Length", value: "0"))
        return .response(100, reasonPhrase: "Trying", headers: headers)
    }
}
