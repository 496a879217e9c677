import SIPCore

extension SIPMessage {
    /// The 100 (Trying) a server INVITE transaction sends as soon as it exists, to stop
    /// the client retransmitting (RFC 3261 §17.2.1): a §8.2.6 response with no To tag
    /// (§17.2.1 makes adding one a SHOULD NOT) and no body.
    public static func tryingResponse(to request: SIPMessage) -> SIPMessage {
        .response(to: request, statusCode: 100, reasonPhrase: "Trying")
    }
}
