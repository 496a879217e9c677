extension SIPStatusCatalog {
    /// 6xx: a definitive answer about the user, valid everywhere.
    static let globalFailureEntries: [SIPStatusEntry] = [
        SIPStatusEntry(
            code: 600, reasonPhrase: "Busy Everywhere", reference: "RFC 3261 §21.6.1",
            meaning: "The callee was reached and is busy, and the server knows that no other device or voicemail will take the call, so no other location should be tried. Retry-After may suggest a better time.",
            whenYouSeeIt: "Calling a user whose every device is busy and who has no voicemail or forwarding. It is rare; 486 is far more common.",
            howToFix: "Call again later, after Retry-After if given. Trying other numbers or devices for the same user will not help.",
            sentBy: [.userAgentServer],
            clientAction: "ends the call, cancels other branches, and may offer to call again later",
            retry: .later,
            keyHeaders: [SIPKeyHeader("Retry-After", "says when the callee may be free")]
        ),
        SIPStatusEntry(
            code: 603, reasonPhrase: "Decline", reference: "RFC 3261 §21.6.2",
            meaning: "The callee was reached and explicitly declined the call, without saying why, and the call should not be tried at the user's other locations.",
            whenYouSeeIt: "The user pressed reject on their phone, or a call-screening rule refused the call.",
            howToFix: "Nothing to fix technically: the person does not want the call now, and Retry-After may suggest a better time. If every call is declined, check the callee's blocking and screening rules.",
            sentBy: [.userAgentServer],
            clientAction: "ends the call and cancels other branches",
            retry: .notUseful,
            keyHeaders: [SIPKeyHeader("Retry-After", "if present, suggests a time when the callee may accept a call")]
        ),
        SIPStatusEntry(
            code: 604, reasonPhrase: "Does Not Exist Anywhere", reference: "RFC 3261 §21.6.3",
            meaning: "The server knows with authority that the user in the Request-URI does not exist anywhere, not just at this server.",
            whenYouSeeIt: "Dialling an unassigned or disconnected number, where the terminating network is authoritative for it.",
            howToFix: "Check the number or address. Trying it elsewhere will not help.",
            sentBy: [.proxy, .gateway],
            clientAction: "ends the call; the number or address has to be corrected",
            retry: .notUseful
        ),
        SIPStatusEntry(
            code: 606, reasonPhrase: "Not Acceptable", reference: "RFC 3261 §21.6.4",
            meaning: "The callee's device was reached and the user wants to talk, but some part of the session description (media, bandwidth, addressing) is not acceptable, and no other location will do better.",
            whenYouSeeIt: "Offering only video, or only codecs none of the callee's devices have, or an IPv6-only SDP to a user who is IPv4 only.",
            howToFix: "Offer a session the callee can handle: audio with common codecs and a matching address family. The Warning header may say what was unacceptable.",
            sentBy: [.userAgentServer],
            clientAction: "ends the call; a new call needs an offer the callee can accept",
            retry: .afterCorrection,
            keyHeaders: [SIPKeyHeader("Warning", "may say what in the SDP was unacceptable")]
        ),
        SIPStatusEntry(
            code: 607, reasonPhrase: "Unwanted", reference: "RFC 8197",
            meaning: "The called party marked the call as unwanted, such as spam or a robocall. The network may use this to treat later calls from the same caller differently.",
            whenYouSeeIt: "The recipient pressed a report-spam or block button while the call was ringing, or a screening service working for the callee classified the caller as unwanted.",
            howToFix: "Do not retry the call. If you place legitimate calls, check your caller ID and calling patterns, sign calls with STIR/SHAKEN for a better attestation, and contact the terminating carrier if you are flagged wrongly.",
            sentBy: [.userAgentServer],
            clientAction: "ends the call and does not try the callee's other locations",
            retry: .notUseful
        ),
        SIPStatusEntry(
            code: 608, reasonPhrase: "Rejected", reference: "RFC 8688",
            meaning: "An intermediary rejected the call, not the callee: typically a call-blocking or fraud-analytics service. The response may carry a jCard in Call-Info saying who rejected it and how to dispute that.",
            whenYouSeeIt: "Calls blocked by a carrier's robocall analytics or fraud filter before they reach the callee.",
            howToFix: "Read the jCard in Call-Info for a contact to dispute the block, improve the attestation of your caller ID (STIR/SHAKEN), and do not simply retry.",
            sentBy: [.proxy],
            clientAction: "ends the call and shows who rejected it, if Call-Info says",
            retry: .notUseful,
            keyHeaders: [SIPKeyHeader("Call-Info", "with purpose=jwscard identifies who rejected the call and how to reach them")]
        ),
    ]
}
