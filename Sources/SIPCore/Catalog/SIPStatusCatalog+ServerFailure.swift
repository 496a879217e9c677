extension SIPStatusCatalog {
    /// 5xx: the server failed on a request that may be valid.
    static let serverFailureEntries: [SIPStatusEntry] = [
        SIPStatusEntry(
            code: 500, reasonPhrase: "Server Internal Error", reference: "RFC 3261 §21.5.1",
            meaning: "The server hit an unexpected condition and could not complete the request. The request may be fine; the fault is on the server's side.",
            whenYouSeeIt: "A script error, database failure or crashed module in a PBX or SBC. Servers also send 500, with Retry-After, for a re-INVITE that arrives while they are still handling an earlier one.",
            howToFix: "Check the server's logs. The client may try another server, or send the request again after a few seconds (after Retry-After, if given).",
            sentBy: [.anyServer],
            clientAction: "tries another server if it has one, or retries after a few seconds",
            retry: .elsewhere,
            keyHeaders: [SIPKeyHeader("Retry-After", "if present, says when to send the request again")]
        ),
        SIPStatusEntry(
            code: 501, reasonPhrase: "Not Implemented", reference: "RFC 3261 §21.5.2",
            meaning: "The server does not support the method at all, for any user. Unlike 405, it is not about one particular address.",
            whenYouSeeIt: "Sending newer methods such as UPDATE, PRACK, MESSAGE, PUBLISH or REFER to an old device or a minimal server.",
            howToFix: "Do without the method for this peer: use re-INVITE instead of UPDATE, or turn off the feature that needs it (such as 100rel, or transfer by REFER).",
            sentBy: [.userAgentServer, .proxy],
            clientAction: "stops using that method with this peer",
            retry: .afterCorrection,
            keyHeaders: [SIPKeyHeader("Allow", "if present, lists the methods the server does implement")]
        ),
        SIPStatusEntry(
            code: 502, reasonPhrase: "Bad Gateway", reference: "RFC 3261 §21.5.3",
            meaning: "A proxy or gateway passed the request on and got an invalid response from the next server, so it cannot give a valid answer.",
            whenYouSeeIt: "An SBC or proxy in front of a carrier or PBX that returned malformed responses, or a gateway whose telephone-network side failed.",
            howToFix: "The fault lies beyond the server that answered: check the server after it, or the route it used. A retry through another route or server may work.",
            sentBy: [.proxy, .gateway],
            clientAction: "tries another route or server if it has one; a retry through the same gateway is unlikely to help",
            retry: .elsewhere
        ),
        SIPStatusEntry(
            code: 503, reasonPhrase: "Service Unavailable", reference: "RFC 3261 §21.5.4",
            meaning: "The server is temporarily overloaded or down for maintenance and will not handle the request now. Retry-After may say when to try again. The client's own stack also reports 503 when it could not send the request at all.",
            whenYouSeeIt: "A provider's SBC refusing calls over a capacity or call-rate limit, a trunk whose upstream route is down, a PBX or SBC with no working route for the call, or a registrar in maintenance.",
            howToFix: "Honour Retry-After, and try the next server from DNS SRV or the trunk's failover list instead of hammering this one. If it never clears, ask the provider about capacity limits, route status or a suspended account.",
            sentBy: [.proxy, .gateway, .userAgentServer, .localStack],
            clientAction: "tries the next server, and keeps away from this one for the Retry-After time",
            retry: .elsewhere,
            keyHeaders: [SIPKeyHeader("Retry-After", "says how long this server wants clients to stay away")],
            whenRepeated: "When every server answers 503, stop and wait for the Retry-After time instead of cycling through them again."
        ),
        SIPStatusEntry(
            code: 504, reasonPhrase: "Server Time-out", reference: "RFC 3261 §21.5.5",
            meaning: "The server tried to reach another server, or a service such as DNS or a location database, to handle the request and got no answer in time.",
            whenYouSeeIt: "A proxy or SBC forwarding to a carrier or PBX that did not answer, or a slow DNS or database lookup on the call path.",
            howToFix: "The fault lies beyond the server that answered: check connectivity from it to its next hop (routing, firewalls, DNS). A retry through another route may work.",
            sentBy: [.proxy, .gateway],
            clientAction: "tries another route or server if it has one, or retries once the downstream server answers again",
            retry: .elsewhere
        ),
        SIPStatusEntry(
            code: 505, reasonPhrase: "Version Not Supported", reference: "RFC 3261 §21.5.6",
            meaning: "The server does not support the SIP version given in the request line.",
            whenYouSeeIt: "A malformed request line (anything other than SIP/2.0), or something that is not a SIP client talking to a SIP port.",
            howToFix: "Send SIP/2.0 in the request line. If you did not send the request yourself, find out what did: it is often a misconfigured device or a scanner.",
            sentBy: [.anyServer],
            clientAction: "ends the attempt; the request line has to say SIP/2.0",
            retry: .afterCorrection
        ),
        SIPStatusEntry(
            code: 513, reasonPhrase: "Message Too Large", reference: "RFC 3261 §21.5.7",
            meaning: "The message as a whole is longer than the server can process.",
            whenYouSeeIt: "Very large messages, such as INVITEs with many codecs and ICE candidates or long lists of headers, sent to a server with a small message limit.",
            howToFix: "Make the message smaller (fewer codecs and candidates, fewer or shorter headers), and send large requests over TCP or TLS, as RFC 3261 requires for requests over 1300 bytes when the path MTU is unknown.",
            sentBy: [.anyServer],
            clientAction: "ends the attempt; the message has to shrink or move to TCP",
            retry: .afterCorrection
        ),
        SIPStatusEntry(
            code: 555, reasonPhrase: "Push Notification Service Not Supported", reference: "RFC 8599",
            meaning: "The server does not support the push notification service named in the pn-provider parameter of the request's URI.",
            whenYouSeeIt: "A mobile client registering with push parameters, naming a provider such as apns or fcm, through a proxy that does not support that provider.",
            howToFix: "Register with a push provider the server supports, or without push parameters. Every retry with the same parameters fails the same way.",
            sentBy: [.proxy, .registrar],
            clientAction: "registers without push, or with another provider the server supports",
            retry: .afterCorrection
        ),
        SIPStatusEntry(
            code: 580, reasonPhrase: "Precondition Failure", reference: "RFC 3312",
            meaning: "The answerer cannot or will not meet the preconditions, such as reserved bandwidth, that the SDP offer requires.",
            whenYouSeeIt: "Calls using quality-of-service or security preconditions (a=curr and a=des lines, Require: precondition), mostly in IMS and mobile networks, when resource reservation fails.",
            howToFix: "Check the precondition lines in the offer. Do not make preconditions mandatory towards peers that cannot reserve resources, or fix the reservation (bandwidth, bearer) on the side that failed.",
            sentBy: [.userAgentServer],
            clientAction: "ends the attempt; a new offer needs preconditions the answerer can meet",
            retry: .afterCorrection
        ),
    ]
}
