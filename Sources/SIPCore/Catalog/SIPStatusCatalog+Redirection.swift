extension SIPStatusCatalog {
    /// 3xx: the request should go to another address.
    static let redirectionEntries: [SIPStatusEntry] = [
        SIPStatusEntry(
            code: 300, reasonPhrase: "Multiple Choices", reference: "RFC 3261 §21.3.1",
            meaning: "The address resolved to several possible destinations, listed in Contact headers. The caller, or its user agent, picks one and sends the request there.",
            whenYouSeeIt: "Calling a user with several devices or numbers through a redirect server that offers the choice instead of forking the call itself.",
            howToFix: "Retry at one of the Contact URIs, trying the highest q value first, or let the user choose. As with 302, the choice applies to this call only.",
            sentBy: [.redirectServer, .proxy],
            clientAction: "offers the Contact addresses to the user, or tries them in order of q value",
            retry: .chooseContact,
            keyHeaders: [SIPKeyHeader("Contact", "lists the alternatives, each with an optional q preference")],
            whenRepeated: "A Contact that was already tried is skipped, and the chain of redirects is capped, so a redirect loop ends the call with an error instead of going round for ever."
        ),
        SIPStatusEntry(
            code: 301, reasonPhrase: "Moved Permanently", reference: "RFC 3261 §21.3.2",
            meaning: "The user is no longer at the Request-URI; the Contact header gives the new address. The client should retry there and may update its saved address for future calls.",
            whenYouSeeIt: "When a user's SIP address or number has changed for good, for example after a domain migration.",
            howToFix: "Retry at the Contact URI, and update the address book or trunk configuration so that future calls go to the new address directly.",
            sentBy: [.redirectServer, .proxy],
            clientAction: "sends a new request to the Contact URI and may offer to update the saved address",
            retry: .atContactPermanently,
            keyHeaders: [SIPKeyHeader("Contact", "gives the new, permanent address")],
            whenRepeated: "A Contact that was already tried is skipped, and the chain of redirects is capped, so a redirect loop ends the call with an error instead of going round for ever."
        ),
        SIPStatusEntry(
            code: 302, reasonPhrase: "Moved Temporarily", reference: "RFC 3261 §21.3.3",
            meaning: "The callee has temporarily moved to a different address. The client should retry the request at the Contact address but continue using the original URI for future requests.",
            whenYouSeeIt: "When a user is temporarily reachable at a different location, such as when traveling or using a different device.",
            howToFix: "Redirect the current call to the Contact URI provided, but keep the original URI for future requests.",
            sentBy: [.redirectServer, .proxy, .userAgentServer],
            clientAction: "sends the request again to the Contact URI at once, without asking the user",
            retry: .atContact,
            keyHeaders: [
                SIPKeyHeader("Contact", "gives where to retry; several Contacts are tried in order of q value, each at most once"),
            ],
            whenRepeated: "A Contact that was already tried is skipped, and the chain of redirects is capped, so a redirect loop ends the call with an error instead of going round for ever."
        ),
        SIPStatusEntry(
            code: 305, reasonPhrase: "Use Proxy", reference: "RFC 3261 §21.3.4",
            meaning: "The resource must be reached through the proxy named in the Contact header. The Request-URI stays the same; only the route changes.",
            whenYouSeeIt: "Rarely: a server that insists on a particular outbound proxy. Many user agents do not follow 305 on their own, because doing so would let a third party reroute calls.",
            howToFix: "If you trust the server, send the request again through the proxy in Contact (as a route, not as a new Request-URI); otherwise configure the right outbound proxy yourself.",
            sentBy: [.redirectServer, .proxy],
            clientAction: "sends the request again through the proxy named in Contact, if it trusts the server",
            retry: .throughProxy,
            keyHeaders: [SIPKeyHeader("Contact", "gives the proxy to send the request through")]
        ),
        SIPStatusEntry(
            code: 380, reasonPhrase: "Alternative Service", reference: "RFC 3261 §21.3.5",
            meaning: "The call did not succeed, but other services could reach the callee; the message body describes them.",
            whenYouSeeIt: "Mostly in IMS mobile networks: the network answers 380, with an XML body, when a device placed an emergency call as a normal call, telling it to call again as an emergency call.",
            howToFix: "Read the body to see which service is offered and call again accordingly; a plain softphone usually cannot act on it and should report the call as failed.",
            sentBy: [.proxy, .userAgentServer],
            clientAction: "reads the alternatives in the body; without support for them, reports the call as failed",
            retry: .afterCorrection,
            keyHeaders: [SIPKeyHeader("Content-Type", "tells how the alternatives in the body are described")]
        ),
    ]
}
