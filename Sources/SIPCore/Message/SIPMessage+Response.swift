extension SIPMessage {
    /// A response to `request`, built as RFC 3261 §8.2.6 says: every Via line in order,
    /// From, To (with `toTag` added when given and the To has none), Call-ID, CSeq, and
    /// Timestamp for a 100 (§8.2.6.1). Add Contact, a body and so on to the result.
    public static func response(to request: SIPMessage, statusCode: Int, reasonPhrase: String? = nil, toTag: String? = nil) -> SIPMessage {
        var headers: [SIPHeaderField] = []
        for via in request.values(.via) {
            headers.append(SIPHeaderField(name: "Via", value: via))
        }
        if let from = request.value(.from) { headers.append(SIPHeaderField(name: "From", value: from)) }
        if var to = request.value(.to) {
            if let toTag, request.to?.tag == nil { to += ";tag=\(toTag)" }
            headers.append(SIPHeaderField(name: "To", value: to))
        }
        if let callID = request.value(.callID) { headers.append(SIPHeaderField(name: "Call-ID", value: callID)) }
        if let cseq = request.value(.cseq) { headers.append(SIPHeaderField(name: "CSeq", value: cseq)) }
        if statusCode == 100, let timestamp = request.value(.timestamp) {
            headers.append(SIPHeaderField(name: "Timestamp", value: timestamp))
        }
        return .response(statusCode, reasonPhrase: reasonPhrase, headers: headers)
    }
}
