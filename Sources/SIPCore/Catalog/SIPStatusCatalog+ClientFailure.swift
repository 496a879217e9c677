extension SIPStatusCatalog {
    /// 4xx: the request as sent cannot succeed at this server.
    static let clientFailureEntries: [SIPStatusEntry] = [
        SIPStatusEntry(
            code: 400, reasonPhrase: "Bad Request", reference: "RFC 3261 §21.4.1",
            meaning: "The server could not parse the request or found it malformed: a mandatory header missing or broken, bad syntax, or values that contradict each other. The reason phrase often names the problem.",
            whenYouSeeIt: "Bringing up a new trunk or client: a malformed URI, a missing Max-Forwards or Contact, a Content-Length that does not match the body, broken SDP, or a header the far end parses more strictly than yours.",
            howToFix: "Read the reason phrase and any Warning header, capture the request and check it field by field against the RFC 3261 grammar, then fix the sender. Sending the same bytes again fails the same way.",
            sentBy: [.anyServer],
            clientAction: "gives up on this request; a new attempt needs the malformed part fixed",
            retry: .afterCorrection,
            keyHeaders: [SIPKeyHeader("Warning", "may name the offending header or value more precisely than the reason phrase")]
        ),
        SIPStatusEntry(
            code: 401, reasonPhrase: "Unauthorized", reference: "RFC 3261 §21.4.2",
            meaning: "The server the request was addressed to, a registrar or the called user agent, wants the client to authenticate. The WWW-Authenticate header carries the digest challenge; a proxy asks with 407 instead.",
            whenYouSeeIt: "On the first REGISTER to a registrar, or the first INVITE to a PBX or trunk that authenticates calls. On a first attempt it is normal and expected.",
            howToFix: "Send the request again with an Authorization header computed from the challenge's realm and nonce and the password for that realm. A new 401 right after fresh credentials means they were rejected: check the password, the realm, and the authentication username, which often differs from the extension number.",
            sentBy: [.registrar, .userAgentServer],
            clientAction: "sends the request again with an Authorization header answering the challenge, asking the user for a password only if none is cached for the realm",
            retry: .withCredentials,
            keyHeaders: [
                SIPKeyHeader("WWW-Authenticate", "carries the challenge (realm, nonce, algorithm, qop)"),
                SIPKeyHeader("Authorization", "goes in the retried request and answers the challenge"),
            ],
            whenRepeated: "A second 401 right after fresh credentials means they were rejected: never send them again; ask for new ones a few times at most, then give up. A challenge with stale=true only means the nonce expired: answer it with the new nonce without asking the user."
        ),
        SIPStatusEntry(
            code: 402, reasonPhrase: "Payment Required", reference: "RFC 3261 §21.4.3",
            meaning: "Reserved by RFC 3261 for future use; no standard behaviour is defined for it.",
            whenYouSeeIt: "Occasionally from a provider as its own signal that the account has run out of credit or the destination is not in the rate plan.",
            howToFix: "Handle it like any other 4xx failure. If a provider sends it, check the account balance and whether the plan covers the dialled destination.",
            sentBy: [.proxy, .gateway],
            clientAction: "ends the attempt; the code has no defined retry behaviour",
            retry: .notUseful
        ),
        SIPStatusEntry(
            code: 403, reasonPhrase: "Forbidden", reference: "RFC 3261 §21.4.4",
            meaning: "The server understood the request and refuses to carry it out, and authenticating will not change that. The request should not be repeated as it is.",
            whenYouSeeIt: "Registering to the wrong domain, sending from a public IP address the trunk's access list does not allow, calling a destination the account may not reach (international, premium rate), or using a From user or domain the provider does not accept. Some servers also send 403 after a wrong password.",
            howToFix: "Check the domain in the Request-URI and From, that your public IP address is on the provider's allow list, and the account's permissions for the destination. If it follows an authenticated attempt, check the username and password too.",
            sentBy: [.proxy, .registrar, .userAgentServer],
            clientAction: "ends the attempt without sending the request again",
            retry: .notUseful,
            keyHeaders: [SIPKeyHeader("Warning", "sometimes says which rule refused the request")]
        ),
        SIPStatusEntry(
            code: 404, reasonPhrase: "Not Found", reference: "RFC 3261 §21.4.5",
            meaning: "The server is sure that the user in the Request-URI does not exist in its domain, or that the domain itself is not one it serves.",
            whenYouSeeIt: "Dialling a number or extension that is not provisioned, a typo in the user part, a number in a format the trunk does not route (missing country code or prefix), or a Request-URI host the server does not consider its own.",
            howToFix: "Check the dialled user part against the number format the provider expects (E.164 with or without +, national prefixes), and that the Request-URI domain is one the server is configured for.",
            sentBy: [.proxy, .userAgentServer],
            clientAction: "ends the attempt; the same address will not be found on a retry",
            retry: .notUseful
        ),
        SIPStatusEntry(
            code: 405, reasonPhrase: "Method Not Allowed", reference: "RFC 3261 §21.4.6",
            meaning: "The server knows the method but does not allow it for this Request-URI. The Allow header lists the methods it accepts there.",
            whenYouSeeIt: "Sending MESSAGE, SUBSCRIBE, REFER, INFO or UPDATE to a device or PBX that does not offer them for that address, or a REGISTER to a server that is not a registrar.",
            howToFix: "Use one of the methods in the Allow header, or enable the feature on the far end (for example SIP MESSAGE, or REFER-based transfer on the PBX).",
            sentBy: [.userAgentServer, .proxy],
            clientAction: "ends the attempt and can fall back to a method listed in Allow",
            retry: .afterCorrection,
            keyHeaders: [SIPKeyHeader("Allow", "lists the methods the server accepts for this address")]
        ),
        SIPStatusEntry(
            code: 406, reasonPhrase: "Not Acceptable", reference: "RFC 3261 §21.4.7",
            meaning: "The server could only answer with content whose type, encoding or language the request's Accept headers rule out.",
            whenYouSeeIt: "A SUBSCRIBE or OPTIONS whose Accept header leaves out the body format the server would send, such as an event package's body type.",
            howToFix: "Widen the Accept, Accept-Encoding or Accept-Language headers of the request to include a format the server can produce.",
            sentBy: [.userAgentServer],
            clientAction: "ends the attempt; a new request needs a wider Accept header",
            retry: .afterCorrection,
            keyHeaders: [SIPKeyHeader("Accept", "in the request gives the formats the client said it can take")]
        ),
        SIPStatusEntry(
            code: 407, reasonPhrase: "Proxy Authentication Required", reference: "RFC 3261 §21.4.8",
            meaning: "A proxy on the path wants the client to authenticate before it forwards the request. It works like 401, but the challenge comes in Proxy-Authenticate and the answer goes in Proxy-Authorization.",
            whenYouSeeIt: "On the first INVITE through a provider's outbound proxy or SBC; many providers challenge every call this way, so on a first attempt it is normal.",
            howToFix: "Send the request again with a Proxy-Authorization header computed from the Proxy-Authenticate challenge for that realm. A repeated 407 after fresh credentials means they were rejected: check the password and that the realm belongs to the account.",
            sentBy: [.proxy],
            clientAction: "sends the request again with a Proxy-Authorization header answering the challenge, asking the user for a password only if none is cached for the realm",
            retry: .withCredentials,
            keyHeaders: [
                SIPKeyHeader("Proxy-Authenticate", "carries the proxy's challenge (realm, nonce, algorithm, qop)"),
                SIPKeyHeader("Proxy-Authorization", "goes in the retried request and answers the challenge"),
            ],
            whenRepeated: "A second 407 right after fresh credentials means they were rejected: never send them again; ask for new ones a few times at most, then give up. A challenge with stale=true only means the nonce expired: answer it with the new nonce without asking the user."
        ),
        SIPStatusEntry(
            code: 408, reasonPhrase: "Request Timeout", reference: "RFC 3261 §21.4.9",
            meaning: "No final response came in time. Either a server on the path gave up, for instance because it could not find the user in time, or the client's own transaction timed out with no answer at all: Timer B for an INVITE, Timer F for other requests, both 64 × T1 (32 seconds by default).",
            whenYouSeeIt: "When the far end is unreachable or silent: a wrong address or port, a firewall or NAT dropping packets, the fragments of a large INVITE over UDP getting lost, or a callee whose registration outlived its connection.",
            howToFix: "Check reachability first: the address, port and transport the request went to, firewall rules, and NAT bindings (keep-alives, rport). Capture on both sides to see whether the request arrives and whether responses come back; a large INVITE over UDP may need TCP.",
            sentBy: [.localStack, .proxy, .userAgentServer],
            clientAction: "tries the next server or target if there is one, otherwise ends the attempt",
            retry: .elsewhere,
            whenRepeated: "Timeouts from every server in turn point to the client's own network (routing, firewall, NAT) rather than to the servers."
        ),
        SIPStatusEntry(
            code: 410, reasonPhrase: "Gone", reference: "RFC 3261 §21.4.10",
            meaning: "The user existed at this server but is no longer available here, and no forwarding address is known. The condition is meant to be permanent.",
            whenYouSeeIt: "Calling a number or account that has been deprovisioned or disconnected.",
            howToFix: "Stop using this address and find the user's new one. Unlike 404, the server is telling you the address did exist.",
            sentBy: [.proxy, .userAgentServer],
            clientAction: "ends the attempt; the address should be removed or replaced",
            retry: .notUseful
        ),
        SIPStatusEntry(
            code: 412, reasonPhrase: "Conditional Request Failed", reference: "RFC 3903",
            meaning: "A conditional PUBLISH failed: the entity tag in SIP-If-Match matches no event state the server holds, usually because the publication expired or the server restarted.",
            whenYouSeeIt: "Refreshing or modifying presence state with PUBLISH after the earlier publication has timed out.",
            howToFix: "Send a fresh initial PUBLISH with the full state and without SIP-If-Match, and use the SIP-ETag from its response for later refreshes.",
            sentBy: [.notifier],
            clientAction: "publishes its full state again without SIP-If-Match",
            retry: .automaticallyAdjusted,
            keyHeaders: [
                SIPKeyHeader("SIP-If-Match", "in the request holds the entity tag the server no longer knows"),
                SIPKeyHeader("SIP-ETag", "in the response to the fresh PUBLISH gives the tag to use next"),
            ]
        ),
        SIPStatusEntry(
            code: 413, reasonPhrase: "Request Entity Too Large", reference: "RFC 3261 §21.4.11",
            meaning: "The request body is larger than the server will accept. The server may close the connection; a Retry-After header means the limit is temporary.",
            whenYouSeeIt: "INVITEs with very large SDP (many codecs, many ICE candidates), or large MESSAGE or multipart bodies, sent to a server with a small limit.",
            howToFix: "Make the body smaller: offer fewer codecs and candidates, and drop attributes and body parts the far end does not need. With Retry-After, the condition is temporary and the request may be sent again after that time.",
            sentBy: [.anyServer],
            clientAction: "ends the attempt; the body has to shrink before a new one",
            retry: .afterCorrection,
            keyHeaders: [SIPKeyHeader("Retry-After", "if present, says the limit is temporary and when to try again")]
        ),
        SIPStatusEntry(
            code: 414, reasonPhrase: "Request-URI Too Long", reference: "RFC 3261 §21.4.12",
            meaning: "The Request-URI is longer than the server is willing to parse.",
            whenYouSeeIt: "URIs carrying many parameters or embedded headers, often built up by a misbehaving redirect or a loop that keeps appending parameters.",
            howToFix: "Shorten the Request-URI by removing parameters and embedded headers that are not needed, and check redirect targets for runaway growth.",
            sentBy: [.anyServer],
            clientAction: "ends the attempt; the Request-URI has to be shortened",
            retry: .afterCorrection
        ),
        SIPStatusEntry(
            code: 415, reasonPhrase: "Unsupported Media Type", reference: "RFC 3261 §21.4.13",
            meaning: "The server does not support the format of the request body for this method. The Accept, Accept-Encoding or Accept-Language header in the response says what it does support.",
            whenYouSeeIt: "Sending a body type the far end does not handle: an INFO with a DTMF format it does not know, a MESSAGE with a content type it cannot display, or a compressed or multipart body.",
            howToFix: "Send the request again using only the types listed in the response's Accept header, or without the encoding or language it objected to.",
            sentBy: [.userAgentServer],
            clientAction: "sends the request again with a body type listed in the response's Accept header, if it has one",
            retry: .automaticallyAdjusted,
            keyHeaders: [
                SIPKeyHeader("Accept", "lists the body types the server accepts"),
                SIPKeyHeader("Accept-Encoding", "lists the content encodings it accepts"),
                SIPKeyHeader("Accept-Language", "lists the languages it accepts"),
            ]
        ),
        SIPStatusEntry(
            code: 416, reasonPhrase: "Unsupported URI Scheme", reference: "RFC 3261 §21.4.14",
            meaning: "The server does not understand the scheme of the Request-URI, such as tel:, sips: or something unknown.",
            whenYouSeeIt: "Sending tel: URIs to a server that only handles sip:, sips: to a server without TLS, or a mistyped scheme produced by a dial plan.",
            howToFix: "Use a scheme the server supports, normally sip:. Turn a tel: number into a sip: URI at the provider's domain, such as sip:+15551234567@provider.example;user=phone.",
            sentBy: [.proxy, .userAgentServer],
            clientAction: "sends the request again with a sip: Request-URI, if it can form one",
            retry: .automaticallyAdjusted
        ),
        SIPStatusEntry(
            code: 417, reasonPhrase: "Unknown Resource-Priority", reference: "RFC 4412",
            meaning: "The request's Resource-Priority header uses a namespace or priority value the server does not understand, and the request required it to (Require: resource-priority).",
            whenYouSeeIt: "Calls marked for government or emergency priority services crossing a network that does not support those namespaces.",
            howToFix: "Use a namespace the server lists in its Accept-Resource-Priority header, or drop the priority marking or the Require when priority is not essential.",
            sentBy: [.proxy, .userAgentServer],
            clientAction: "ends the attempt; a new request needs a namespace the server accepts",
            retry: .afterCorrection,
            keyHeaders: [
                SIPKeyHeader("Accept-Resource-Priority", "lists the namespaces and values the server does support"),
                SIPKeyHeader("Resource-Priority", "in the request holds the value that was refused"),
            ]
        ),
        SIPStatusEntry(
            code: 420, reasonPhrase: "Bad Extension", reference: "RFC 3261 §21.4.15",
            meaning: "The request required a SIP extension, in Require or Proxy-Require, that the server does not support. The Unsupported header names the missing extensions.",
            whenYouSeeIt: "A client that puts option tags such as 100rel, timer, replaces or precondition in Require instead of Supported, talking to a server without that extension.",
            howToFix: "Send the request again without the extensions listed in Unsupported, or move them to Supported when they are only nice to have. Require an extension only when the call cannot work without it.",
            sentBy: [.proxy, .userAgentServer],
            clientAction: "sends the request again without requiring the extensions listed in Unsupported",
            retry: .automaticallyAdjusted,
            keyHeaders: [
                SIPKeyHeader("Unsupported", "lists the option tags the server does not support"),
                SIPKeyHeader("Require", "in the request lists what the client insisted on"),
            ],
            whenRepeated: "A second 420 for the retry means the server refuses something else the request requires: stop and compare Require with what the server supports."
        ),
        SIPStatusEntry(
            code: 421, reasonPhrase: "Extension Required", reference: "RFC 3261 §21.4.16",
            meaning: "The server needs an extension to handle the request, but the request's Supported header does not list it. The Require header of the response names the extension.",
            whenYouSeeIt: "Calling a server that insists on reliable provisional responses (100rel) or session timers (timer) from a client that did not offer them.",
            howToFix: "Enable the named extension in the client and send the request again with it in Supported. If the client cannot support it, calls through this server cannot work.",
            sentBy: [.userAgentServer, .proxy],
            clientAction: "sends the request again with the required extension in Supported, if it implements it",
            retry: .automaticallyAdjusted,
            keyHeaders: [SIPKeyHeader("Require", "names the extensions the server needs")]
        ),
        SIPStatusEntry(
            code: 422, reasonPhrase: "Session Interval Too Small", reference: "RFC 4028",
            meaning: "The Session-Expires value in the request is below the smallest session-timer interval this server accepts. The Min-SE header gives that minimum.",
            whenYouSeeIt: "An INVITE or UPDATE with a short Session-Expires, such as 90 seconds, sent to an SBC or PBX that insists on a higher minimum, such as 1800 seconds.",
            howToFix: "Send the request again with Session-Expires at least the Min-SE value from the response, and include that Min-SE in the new request. Good user agents do this without being asked.",
            sentBy: [.proxy, .userAgentServer],
            clientAction: "sends the request again with Session-Expires raised to the Min-SE value",
            retry: .automaticallyAdjusted,
            keyHeaders: [
                SIPKeyHeader("Min-SE", "gives the smallest session interval the server accepts"),
                SIPKeyHeader("Session-Expires", "in the request holds the interval that was refused"),
            ],
            whenRepeated: "A further hop may answer 422 again with a larger Min-SE: raise the interval again, but stop if the same value is refused twice."
        ),
        SIPStatusEntry(
            code: 423, reasonPhrase: "Interval Too Brief", reference: "RFC 3261 §21.4.17",
            meaning: "The expiration time in the request is shorter than the server allows. A registrar sends it when a REGISTER asks for a binding that would expire too soon; the Min-Expires header gives the minimum.",
            whenYouSeeIt: "A REGISTER with a short Expires, such as 60 seconds used to keep a NAT binding open, sent to a registrar whose minimum is higher; also a SUBSCRIBE or PUBLISH with a short Expires.",
            howToFix: "Send the request again with Expires (or the Contact's expires parameter) at least the Min-Expires value. Keep NAT bindings open with keep-alives (CRLF or OPTIONS) rather than very short registrations.",
            sentBy: [.registrar, .notifier],
            clientAction: "sends the request again with Expires raised to the Min-Expires value",
            retry: .automaticallyAdjusted,
            keyHeaders: [SIPKeyHeader("Min-Expires", "gives the shortest expiration the server accepts")],
            whenRepeated: "If the raised value is refused again with the same Min-Expires, the server is at fault: stop instead of looping."
        ),
        SIPStatusEntry(
            code: 424, reasonPhrase: "Bad Location Information", reference: "RFC 6442",
            meaning: "The location information in the request, in a Geolocation header or a PIDF-LO body, is malformed, unsuitable for the recipient's purpose, or could not be fetched from the URI given.",
            whenYouSeeIt: "Emergency calls and location-based routing, where the device or the network attaches location by value or by reference.",
            howToFix: "Check the Geolocation header and the PIDF-LO body for syntax and content, and make sure the recipient can fetch a location given by reference. The Geolocation-Error header says what was wrong.",
            sentBy: [.proxy, .userAgentServer],
            clientAction: "ends the attempt; the location has to be corrected first",
            retry: .afterCorrection,
            keyHeaders: [SIPKeyHeader("Geolocation-Error", "gives a code and text saying what was wrong with the location")]
        ),
        SIPStatusEntry(
            code: 425, reasonPhrase: "Bad Alert Message", reference: "RFC 8876",
            meaning: "A request carrying an automated emergency alert (a Common Alerting Protocol message, sent without a call) was too malformed for the recipient to decide on any sensible response to the alert.",
            whenYouSeeIt: "Sensors, vehicles or alarm systems sending non-interactive emergency alerts to a public-safety answering point.",
            howToFix: "Validate the CAP body against its schema and the profile RFC 8876 requires; the AlertMsg-Error header identifies the problem.",
            sentBy: [.userAgentServer],
            clientAction: "ends the attempt; the alert message has to be corrected first",
            retry: .afterCorrection,
            keyHeaders: [SIPKeyHeader("AlertMsg-Error", "gives a code and text describing the problem")]
        ),
        SIPStatusEntry(
            code: 428, reasonPhrase: "Use Identity Header", reference: "RFC 8224",
            meaning: "The verifier requires an Identity header, a STIR/SHAKEN signature over the caller and callee numbers, and the request has none.",
            whenYouSeeIt: "Calls sent to a carrier or terminating network that only accepts signed calls, from an originating side that did not sign them.",
            howToFix: "Have the originating side sign the call: set up the STIR/SHAKEN authentication service on your SBC or with your provider, so that outgoing INVITEs carry an Identity header.",
            sentBy: [.verifier],
            clientAction: "ends the attempt; only a signed request can succeed",
            retry: .afterCorrection,
            keyHeaders: [SIPKeyHeader("Identity", "is the signature the request must carry")]
        ),
        SIPStatusEntry(
            code: 429, reasonPhrase: "Provide Referrer Identity", reference: "RFC 3892",
            meaning: "The target of a request triggered by REFER insists on knowing who referred it, and the request lacks a valid Referred-By token. The referee passes this error back to the referrer in a NOTIFY.",
            whenYouSeeIt: "During a call transfer, when the transfer target requires an authenticated Referred-By and the transferring party did not provide one.",
            howToFix: "The referrer must put a signed Referred-By token in its REFER. Few deployments support that, so if the transfer is trusted, turn the requirement off at the target.",
            sentBy: [.userAgentServer],
            clientAction: "ends the referred request and reports the failure to the referrer",
            retry: .afterCorrection,
            keyHeaders: [SIPKeyHeader("Referred-By", "names who referred the request, with its token")]
        ),
        SIPStatusEntry(
            code: 430, reasonPhrase: "Flow Failed", reference: "RFC 5626",
            meaning: "An edge proxy tells the authoritative proxy that its connection (flow) to one particular user agent instance has failed. It is used between proxies in SIP Outbound deployments.",
            whenYouSeeIt: "In SIP Outbound deployments, when a client's TCP or TLS connection to its edge proxy has died. A client rarely sees it, because the authoritative proxy should try another flow.",
            howToFix: "On the proxy, try the next registered flow for that instance. On the client, detect dead flows with keep-alives and register again quickly to create a new one.",
            sentBy: [.edgeProxy],
            clientAction: "(a proxy) tries another registered flow for the same instance",
            retry: .elsewhere
        ),
        SIPStatusEntry(
            code: 433, reasonPhrase: "Anonymity Disallowed", reference: "RFC 5079",
            meaning: "The server refuses the request because the caller is anonymous, for example with an anonymous From or Privacy: id.",
            whenYouSeeIt: "Calling, with the number withheld, a user who rejects anonymous calls or a provider that requires a caller ID.",
            howToFix: "Call again with the caller ID shown: remove Privacy: id or the anonymous From, and send an identity (P-Asserted-Identity) the network accepts.",
            sentBy: [.userAgentServer, .proxy],
            clientAction: "ends the attempt; only a call with caller ID shown can succeed",
            retry: .afterCorrection,
            keyHeaders: [SIPKeyHeader("Privacy", "in the request asked for the caller's identity to be hidden")]
        ),
        SIPStatusEntry(
            code: 436, reasonPhrase: "Bad Identity Info", reference: "RFC 8224",
            meaning: "The verifier could not fetch or use the credential that the Identity header's info parameter points to, so it cannot check the signature.",
            whenYouSeeIt: "STIR/SHAKEN calls whose certificate URL is unreachable from the terminating network, returns an error, or does not return a certificate.",
            howToFix: "Check that the certificate URL in the Identity header is public, served over HTTPS, reachable from the verifying network, and returns the certificate chain.",
            sentBy: [.verifier],
            clientAction: "ends the attempt; the certificate URL has to be fixed first",
            retry: .afterCorrection,
            keyHeaders: [SIPKeyHeader("Identity", "has an info parameter with the certificate URL the verifier could not use")]
        ),
        SIPStatusEntry(
            code: 437, reasonPhrase: "Unsupported Credential", reference: "RFC 8224",
            meaning: "The verifier got the credential named in the Identity header but does not accept it, for example because it does not trust the issuing certificate authority or does not support the signing algorithm. RFC 4474 called this code Unsupported Certificate.",
            whenYouSeeIt: "STIR/SHAKEN calls signed with a certificate from an authority the terminating carrier does not trust, or with an expired or otherwise unacceptable certificate.",
            howToFix: "Sign with a certificate from an authority the receiving networks trust (for SHAKEN, one issued under the governance authority's policy) and with a supported algorithm (ES256).",
            sentBy: [.verifier],
            clientAction: "ends the attempt; the signing certificate has to be replaced first",
            retry: .afterCorrection
        ),
        SIPStatusEntry(
            code: 438, reasonPhrase: "Invalid Identity Header", reference: "RFC 8224",
            meaning: "The signature in the Identity header did not verify against the request, or the header itself is malformed.",
            whenYouSeeIt: "STIR/SHAKEN calls whose signed numbers were changed after signing, for example by number normalisation on the way (a + added or dropped, a prefix stripped).",
            howToFix: "Sign after the final number formatting, make sure no hop rewrites the From or To numbers, and check that the signed claims match the request. A Date that is too old draws 403 Stale Date instead.",
            sentBy: [.verifier],
            clientAction: "ends the attempt; the request has to be signed again as sent",
            retry: .afterCorrection,
            keyHeaders: [SIPKeyHeader("Identity", "holds the signature that failed")]
        ),
        SIPStatusEntry(
            code: 439, reasonPhrase: "First Hop Lacks Outbound Support", reference: "RFC 5626",
            meaning: "The registrar supports SIP Outbound, but the first-hop edge proxy the client came through does not, so the outbound registration the client asked for cannot be honoured.",
            whenYouSeeIt: "Registering with reg-id and +sip.instance (Supported: outbound) through an edge proxy that does not implement RFC 5626.",
            howToFix: "Register again without the outbound parameters, or send registrations through an edge proxy that supports Outbound.",
            sentBy: [.registrar],
            clientAction: "registers again without the outbound parameters",
            retry: .automaticallyAdjusted
        ),
        SIPStatusEntry(
            code: 440, reasonPhrase: "Max-Breadth Exceeded", reference: "RFC 5393",
            meaning: "A forking proxy could not fork the request to its targets without going over the Max-Breadth limit on parallel branches.",
            whenYouSeeIt: "Calls to users with many registered devices, or to groups, through chains of forking proxies; also a sign of a forking loop that multiplies requests.",
            howToFix: "Reduce parallel forking in the proxy configuration (fewer simultaneous targets, or hunting in sequence) and look for forking loops. Raise Max-Breadth only if the fan-out is intended.",
            sentBy: [.proxy],
            clientAction: "ends the attempt; the forking has to be reconfigured",
            retry: .afterCorrection,
            keyHeaders: [SIPKeyHeader("Max-Breadth", "limits how many parallel branches the request may be forked into")]
        ),
        SIPStatusEntry(
            code: 469, reasonPhrase: "Bad Info Package", reference: "RFC 6086",
            meaning: "An INFO request used an Info Package, named in its Info-Package header, that the receiver did not agree to receive in this dialog.",
            whenYouSeeIt: "Sending INFO for DTMF or other application data in a package the other side did not list in Recv-Info when the call was set up.",
            howToFix: "Only send packages the peer listed in its Recv-Info header. For DTMF, agree on RFC 4733 telephone-events in the SDP, or on the INFO package during call setup.",
            sentBy: [.userAgentServer],
            clientAction: "ends this INFO; the call itself goes on",
            retry: .afterCorrection,
            keyHeaders: [SIPKeyHeader("Recv-Info", "lists the packages the receiver accepts")]
        ),
        SIPStatusEntry(
            code: 470, reasonPhrase: "Consent Needed", reference: "RFC 5360",
            meaning: "A relay, such as a server that fans a request out to a list of URIs, refused the request because at least one recipient has not consented to receive it. The Permission-Missing header names them.",
            whenYouSeeIt: "Sending to a URI list or exploder (conference invitations, a MESSAGE to many recipients) that enforces the consent framework.",
            howToFix: "Get the recipients' permission through the consent framework, or remove the URIs listed in Permission-Missing from the request.",
            sentBy: [.proxy],
            clientAction: "ends the attempt; consent has to be obtained or the recipients removed",
            retry: .afterCorrection,
            keyHeaders: [SIPKeyHeader("Permission-Missing", "lists the URIs that have not given consent")]
        ),
        SIPStatusEntry(
            code: 480, reasonPhrase: "Temporarily Unavailable", reference: "RFC 3261 §21.4.18",
            meaning: "The callee exists but cannot be reached right now: the proxy knows the user but has no current registration for them, or the device is set to do-not-disturb. Retry-After may say when to try again.",
            whenYouSeeIt: "Calling an extension whose phone is offline, unregistered or on do-not-disturb; providers also send it when the far end is temporarily unreachable.",
            howToFix: "Try again later or send the call to voicemail. If the callee should be online, check its registration on the registrar (an expired binding, or a NAT keep-alive that stopped).",
            sentBy: [.proxy, .userAgentServer],
            clientAction: "ends the attempt and may offer voicemail, or a call back once the user is reachable",
            retry: .later,
            keyHeaders: [SIPKeyHeader("Retry-After", "says when it may be worth calling again")]
        ),
        SIPStatusEntry(
            code: 481, reasonPhrase: "Call/Transaction Does Not Exist", reference: "RFC 3261 §21.4.19",
            meaning: "The server received a request that matches no dialog or transaction it knows. For a request inside a dialog, the dialog is gone on that side.",
            whenYouSeeIt: "A BYE, re-INVITE, UPDATE or NOTIFY sent after the far end already ended the call or restarted; a CANCEL arriving after the INVITE was answered; or a Call-ID or tags rewritten by an SBC or a router's SIP ALG.",
            howToFix: "Treat the dialog as over and clean up locally. If it happens during live calls, compare the Call-ID, From tag and To tag on both sides: a SIP ALG or B2BUA rewriting them, or requests sent to the wrong Contact, are common causes.",
            sentBy: [.userAgentServer],
            clientAction: "tears the dialog down locally instead of retrying",
            retry: .notUseful,
            keyHeaders: [SIPKeyHeader("Call-ID", "together with the From and To tags must match a dialog the server knows")],
            callEffect: .dialogGone
        ),
        SIPStatusEntry(
            code: 482, reasonPhrase: "Loop Detected", reference: "RFC 3261 §21.4.20",
            meaning: "A proxy found that the request had already passed through it with the same routing, so it is going round in a loop.",
            whenYouSeeIt: "Routing between two proxies, or between a PBX and a trunk, that sends calls back and forth; or a user forwarding calls to themselves.",
            howToFix: "Follow the Via headers to see the loop, then fix the routing rules or the forwarding so the request reaches a final destination. Check that each server recognises its own addresses and domains.",
            sentBy: [.proxy],
            clientAction: "ends the attempt; the routing has to be fixed",
            retry: .notUseful,
            keyHeaders: [SIPKeyHeader("Via", "lists the hops the request took, which shows the loop")]
        ),
        SIPStatusEntry(
            code: 483, reasonPhrase: "Too Many Hops", reference: "RFC 3261 §21.4.21",
            meaning: "The request arrived with Max-Forwards at zero: it passed through more hops than allowed, usually because of a routing loop.",
            whenYouSeeIt: "A loop between proxies or PBXs that loop detection did not catch, a very long chain of B2BUAs, or a client that sends a small Max-Forwards.",
            howToFix: "Use the Via headers to find the loop and fix the routing. Make sure clients start with Max-Forwards: 70.",
            sentBy: [.proxy],
            clientAction: "ends the attempt; the loop or hop count has to be fixed",
            retry: .notUseful,
            keyHeaders: [SIPKeyHeader("Max-Forwards", "counts the hops the request may still take; clients start at 70")]
        ),
        SIPStatusEntry(
            code: 484, reasonPhrase: "Address Incomplete", reference: "RFC 3261 §21.4.22",
            meaning: "The Request-URI is incomplete, typically a number with too few digits for the dial plan, and the server expects more.",
            whenYouSeeIt: "Overlap dialling, or a partial number (missing area code or trailing digits) sent through a PBX or gateway whose dial plan checks the number length.",
            howToFix: "Dial the complete number in the format the provider expects. A client doing overlap dialling collects more digits and sends the request again.",
            sentBy: [.proxy, .gateway],
            clientAction: "asks the user for the rest of the number (or collects more digits) and sends a new request",
            retry: .afterCorrection
        ),
        SIPStatusEntry(
            code: 485, reasonPhrase: "Ambiguous", reference: "RFC 3261 §21.4.23",
            meaning: "The Request-URI matches more than one user, so the server cannot tell who is meant. It may list the candidates in Contact headers.",
            whenYouSeeIt: "Dialling by name, or with a short extension, that matches several users in a directory.",
            howToFix: "Pick one of the listed Contacts, or dial a more specific address.",
            sentBy: [.proxy, .userAgentServer],
            clientAction: "offers the listed candidates to the user, or ends the attempt if there are none",
            retry: .chooseContact,
            keyHeaders: [SIPKeyHeader("Contact", "lists the possible matches, if the server gives them")]
        ),
        SIPStatusEntry(
            code: 486, reasonPhrase: "Busy Here", reference: "RFC 3261 §21.4.24",
            meaning: "The callee's device was reached but is busy, for example already on a call. Other devices or voicemail for the same user may still answer.",
            whenYouSeeIt: "Calling a phone that is on another call without call waiting, or a trunk whose far end has reached its channel limit.",
            howToFix: "Try again later (after Retry-After, if given) or let the proxy forward the call to voicemail. If every call gets 486, check the far end's channel or concurrent-call limits.",
            sentBy: [.userAgentServer],
            clientAction: "ends the attempt, plays a busy tone, and may offer to call again later",
            retry: .later,
            keyHeaders: [SIPKeyHeader("Retry-After", "says when the callee may be free")]
        ),
        SIPStatusEntry(
            code: 487, reasonPhrase: "Request Terminated", reference: "RFC 3261 §21.4.25",
            meaning: "The request was ended before it completed, normally by a CANCEL from the caller's side. It is the expected final answer to a cancelled INVITE.",
            whenYouSeeIt: "The caller hangs up while the callee is still ringing, or a forking proxy cancels the other branches once one device has answered.",
            howToFix: "Nothing to fix when the caller cancelled. If calls end with 487 while nobody hung up, look for a timer on the caller's side or in a proxy (a no-answer timeout, or Timer C) that sends the CANCEL.",
            sentBy: [.userAgentServer],
            clientAction: "ACKs it and considers the cancelled attempt over",
            retry: .notUseful,
            callEffect: .cancelled
        ),
        SIPStatusEntry(
            code: 488, reasonPhrase: "Not Acceptable Here", reference: "RFC 3261 §21.4.26",
            meaning: "This device cannot accept the session described in the request: usually no codec, media type, transport or encryption setting in the SDP offer is acceptable. Another device for the same user may still accept it.",
            whenYouSeeIt: "A codec mismatch (only G.722 or Opus offered to a trunk that takes G.711 alone), SRTP (RTP/SAVP) offered to a side that only does plain RTP or the reverse, or a T.38 re-INVITE to a device that cannot do fax.",
            howToFix: "Compare the SDP offer with what the far end supports: include a common codec (G.711 PCMU or PCMA is the usual safe choice) and match the RTP profile and encryption. The Warning header often names the attribute that failed.",
            sentBy: [.userAgentServer, .gateway],
            clientAction: "ends the attempt; a new offer needs media the far end supports",
            retry: .afterCorrection,
            keyHeaders: [SIPKeyHeader("Warning", "often says which part of the SDP was refused, such as 304 (media type not available) or 305 (incompatible media format)")]
        ),
        SIPStatusEntry(
            code: 489, reasonPhrase: "Bad Event", reference: "RFC 6665",
            meaning: "The server does not understand or support the event package named in the Event header of a SUBSCRIBE or NOTIFY.",
            whenYouSeeIt: "Subscribing to presence, dialog (busy lamp field), message-summary (voicemail indicator) or another package on a server that does not offer it for that resource.",
            howToFix: "Subscribe only to packages listed in the response's Allow-Events header, or enable the package on the server (for example busy lamp field hints on the PBX).",
            sentBy: [.notifier, .userAgentServer],
            clientAction: "ends the subscription attempt for that event package",
            retry: .afterCorrection,
            keyHeaders: [SIPKeyHeader("Allow-Events", "lists the event packages the server supports")]
        ),
        SIPStatusEntry(
            code: 491, reasonPhrase: "Request Pending", reference: "RFC 3261 §21.4.27",
            meaning: "The server already has its own offer in progress in this dialog: both sides sent a re-INVITE or UPDATE at about the same time (glare).",
            whenYouSeeIt: "Both ends putting the call on hold, changing codecs or refreshing the session at the same moment; common when both sides run session timers.",
            howToFix: "Wait a random time and send the request again: 2.1 to 4 seconds if you sent the initial INVITE (you own the Call-ID), otherwise 0 to 2 seconds (RFC 3261 §14.1).",
            sentBy: [.userAgentServer],
            clientAction: "waits a random delay and sends its re-INVITE or UPDATE again",
            retry: .afterRandomDelay,
            whenRepeated: "Glare can happen again: wait a new random delay each time, and give up after a few attempts."
        ),
        SIPStatusEntry(
            code: 493, reasonPhrase: "Undecipherable", reference: "RFC 3261 §21.4.28",
            meaning: "The request had an encrypted (S/MIME) body that the recipient cannot decrypt, because it does not have, or will not use, the right key.",
            whenYouSeeIt: "Rarely: end-to-end S/MIME encryption of SIP bodies with a wrong or outdated key for the recipient.",
            howToFix: "Encrypt with the recipient's current certificate, which the response may carry in its body, or send the body unencrypted and protect each hop with TLS instead.",
            sentBy: [.userAgentServer],
            clientAction: "ends the attempt; the body must be encrypted for the right key",
            retry: .afterCorrection
        ),
        SIPStatusEntry(
            code: 494, reasonPhrase: "Security Agreement Required", reference: "RFC 3329",
            meaning: "The server requires a security mechanism (such as TLS or IPsec) to be agreed before it accepts requests. The Security-Server header lists the mechanisms it supports.",
            whenYouSeeIt: "Mostly in IMS networks, where the proxy requires IPsec or TLS to be negotiated during registration and the client did not include Require: sec-agree.",
            howToFix: "Pick a mechanism from Security-Server, set it up, and send the request again with Security-Verify echoing the server's list and sec-agree in Require and Proxy-Require.",
            sentBy: [.proxy, .registrar],
            clientAction: "sets up a mechanism from Security-Server and sends the request again with Security-Verify",
            retry: .automaticallyAdjusted,
            keyHeaders: [
                SIPKeyHeader("Security-Server", "lists the security mechanisms the server supports"),
                SIPKeyHeader("Security-Verify", "goes in the retried request and echoes that list"),
            ]
        ),
    ]
}
