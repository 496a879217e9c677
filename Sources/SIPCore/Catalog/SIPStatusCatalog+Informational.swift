extension SIPStatusCatalog {
    /// 1xx: provisional responses. None ends a transaction.
    static let informationalEntries: [SIPStatusEntry] = [
        SIPStatusEntry(
            code: 100, reasonPhrase: "Trying", reference: "RFC 3261 §21.1.1",
            meaning: "The next hop has received the request and is working on it. It says nothing about the callee; its only effect is to stop the sender retransmitting an INVITE.",
            whenYouSeeIt: "Within a few hundred milliseconds of sending an INVITE through a proxy, an SBC or a PBX, before any ringing.",
            howToFix: "Nothing to fix. If 100 arrives and nothing follows, the problem lies beyond the first hop: check how that server routes the call onwards. The caller waits until that server gives up (its Timer C runs for over three minutes) or the caller cancels.",
            sentBy: [.proxy, .userAgentServer],
            clientAction: "stops retransmitting the INVITE and waits for a further response",
            retry: .none
        ),
        SIPStatusEntry(
            code: 180, reasonPhrase: "Ringing", reference: "RFC 3261 §21.1.2",
            meaning: "The callee's device has the call and is alerting the user. The caller may play ringback tone itself unless early media arrives.",
            whenYouSeeIt: "Once the INVITE has reached a registered phone or a trunk's far end, while the phone rings.",
            howToFix: "Nothing to fix. If the caller hears silence, the caller's user agent must generate ringback itself when the 180 has no SDP; when it does carry SDP, check that early media gets through NAT and the SBC.",
            sentBy: [.userAgentServer, .gateway],
            clientAction: "plays ringback, or early media if the 180 carries SDP, and waits for an answer",
            retry: .none,
            keyHeaders: [
                SIPKeyHeader("To", "carries a tag that starts an early dialog with this device"),
                SIPKeyHeader("RSeq", "is present when the 180 is sent reliably (100rel); acknowledge it with PRACK"),
            ]
        ),
        SIPStatusEntry(
            code: 181, reasonPhrase: "Call Is Being Forwarded", reference: "RFC 3261 §21.1.3",
            meaning: "A server on the path is forwarding the call to another destination. The response is informational; the call continues without the caller doing anything.",
            whenYouSeeIt: "When the callee has call forwarding on and a PBX or proxy forwards the INVITE itself instead of answering with a 3xx.",
            howToFix: "Nothing to fix. A phone can tell the caller the call is being forwarded; the final answer comes from the new destination.",
            sentBy: [.proxy, .userAgentServer],
            clientAction: "tells the user the call is being forwarded and keeps waiting",
            retry: .none,
            keyHeaders: [SIPKeyHeader("History-Info", "may list the targets the call has passed through (RFC 7044)")]
        ),
        SIPStatusEntry(
            code: 182, reasonPhrase: "Queued", reference: "RFC 3261 §21.1.4",
            meaning: "The callee cannot take the call now, but the server is holding it in a queue instead of rejecting it. A final response follows when the callee is free or the queue gives up.",
            whenYouSeeIt: "Calling a call-centre queue, or a user whose phone queues callers while busy.",
            howToFix: "Nothing to fix: keep waiting. Further 182s may update the caller's place in the queue, often in the reason phrase.",
            sentBy: [.userAgentServer, .proxy],
            clientAction: "keeps waiting and shows any queue position the reason phrase gives",
            retry: .none
        ),
        SIPStatusEntry(
            code: 183, reasonPhrase: "Session Progress", reference: "RFC 3261 §21.1.5",
            meaning: "The call is still being set up and the server has progress information that no other 1xx expresses. It usually carries SDP so that early media can start.",
            whenYouSeeIt: "Calls to the telephone network through a gateway or SBC, which send 183 with SDP so that the caller hears the network's ringback, announcements or IVR prompts before the answer.",
            howToFix: "Nothing to fix. If the caller hears nothing, check the early media path: the SDP address must be reachable through NAT or the SBC's media relay, and a 183 sent reliably needs a PRACK before the far end goes on.",
            sentBy: [.gateway, .userAgentServer],
            clientAction: "plays early media from the SDP, if any, and keeps waiting",
            retry: .none,
            keyHeaders: [
                SIPKeyHeader("Content-Type", "is application/sdp when the 183 carries early media"),
                SIPKeyHeader("RSeq", "is present when the 183 is sent reliably (100rel); acknowledge it with PRACK"),
            ]
        ),
        SIPStatusEntry(
            code: 199, reasonPhrase: "Early Dialog Terminated", reference: "RFC 6228",
            meaning: "One early dialog of a forked call has ended, while other branches may still be ringing. The call as a whole is not over.",
            whenYouSeeIt: "When a proxy forked the INVITE to several devices and one of them rejected it; the 199 lets the caller release that branch's resources, such as its early media, at once. Only sent if the caller listed 199 in Supported.",
            howToFix: "Nothing to fix. Release the early media and state of the dialog whose To tag the 199 carries, and keep waiting for the other branches.",
            sentBy: [.proxy, .userAgentServer],
            clientAction: "drops the early dialog named by the To tag and keeps waiting for the other branches",
            retry: .none,
            keyHeaders: [
                SIPKeyHeader("To", "carries the tag of the early dialog that ended"),
                SIPKeyHeader("Reason", "may say why that branch ended"),
            ]
        ),
    ]
}
