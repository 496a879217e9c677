extension SIPStatusCatalog {
    /// 2xx: the request was carried out.
    static let successEntries: [SIPStatusEntry] = [
        SIPStatusEntry(
            code: 200, reasonPhrase: "OK", reference: "RFC 3261 §21.2.1",
            meaning: "The request succeeded. What the response carries depends on the method: after an INVITE the callee has answered and the body holds the SDP answer; after a REGISTER the Contact headers list the bindings the registrar now holds.",
            whenYouSeeIt: "When the callee picks up, and whenever a REGISTER, OPTIONS, BYE or other request is accepted.",
            howToFix: "Nothing to fix. After an INVITE, send ACK straight away (end to end, as a new transaction), or the callee keeps retransmitting the 200 and hangs up after about 32 seconds. After a REGISTER, read the expiry the registrar granted and refresh before it runs out.",
            sentBy: [.userAgentServer, .registrar],
            clientAction: "after an INVITE sends ACK and starts media; after a REGISTER schedules the refresh",
            retry: .none,
            keyHeaders: [
                SIPKeyHeader("Contact", "gives the callee's address for the rest of the dialog, or after a REGISTER the current bindings and their expiry"),
                SIPKeyHeader("Record-Route", "lists the proxies that stay on the path for requests inside the dialog"),
            ]
        ),
        SIPStatusEntry(
            code: 202, reasonPhrase: "Accepted", reference: "RFC 6665 §8.3.1 (first defined in RFC 3265)",
            meaning: "The request was accepted but has not been acted on yet. The code is deprecated: RFC 6665 took away its special meaning for SUBSCRIBE and NOTIFY, and a receiver must handle it exactly like 200.",
            whenYouSeeIt: "From older servers answering SUBSCRIBE, and from phones answering a REFER during a call transfer before the transfer target has been reached.",
            howToFix: "Treat it as 200. For a REFER or SUBSCRIBE, the actual outcome arrives later in NOTIFY requests; wait for those instead of reading anything into the 202.",
            sentBy: [.userAgentServer, .notifier],
            clientAction: "treats it as 200 and waits for the NOTIFY that reports the outcome",
            retry: .none,
            isDeprecated: true
        ),
        SIPStatusEntry(
            code: 204, reasonPhrase: "No Notification", reference: "RFC 5839",
            meaning: "A subscription refresh succeeded, and the notifier will not send the NOTIFY that would normally follow, because the state has not changed since the version the subscriber already holds.",
            whenYouSeeIt: "Refreshing a presence or dialog-event subscription with a Suppress-If-Match header (conditional event notification). It is only valid for a SUBSCRIBE inside an existing dialog.",
            howToFix: "Nothing to fix: keep the state you already hold.",
            sentBy: [.notifier],
            clientAction: "keeps its cached state and expects no NOTIFY for this refresh",
            retry: .none,
            keyHeaders: [SIPKeyHeader("Suppress-If-Match", "in the request names the version of the state the subscriber already has")]
        ),
    ]
}
