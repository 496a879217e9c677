/// Every SIP response code in the IANA "Response Codes" registry, explained for people who
/// read SIP traces, with a class fallback for codes the registry does not list.
///
/// Source: IANA, Session Initiation Protocol (SIP) Parameters, "Response Codes"
/// (sip-parameters-7), 75 codes. A code with no reference there is defined by RFC 3261 §21.
/// The texts are ours; the reason phrases and references are the registry's.
public enum SIPStatusCatalog {
    /// Every registered entry, in code order.
    public static let all: [SIPStatusEntry] = (
        informationalEntries + successEntries + redirectionEntries
            + clientFailureEntries + serverFailureEntries + globalFailureEntries
    ).sorted { $0.code < $1.code }

    private static let byCode: [Int: SIPStatusEntry] = Dictionary(
        all.map { ($0.code, $0) },
        uniquingKeysWith: { first, _ in first }
    )

    /// The entry for `code`: the registry's when the code is registered, otherwise one
    /// built from its class (marked `isRegistered == false`), so any code a peer sends can
    /// be explained. Nil only for numbers outside 100–699, which are not status codes.
    public static func entry(for code: Int) -> SIPStatusEntry? {
        if let entry = byCode[code] { return entry }
        guard let statusClass = SIPStatusClass(code: code) else { return nil }
        return fallbackEntry(for: code, in: statusClass)
    }

    /// The registered entry for `code`, or nil: for callers that must not mistake a class
    /// fallback for a registered code.
    public static func registeredEntry(for code: Int) -> SIPStatusEntry? { byCode[code] }

    private static func fallbackEntry(for code: Int, in statusClass: SIPStatusClass) -> SIPStatusEntry {
        SIPStatusEntry(
            code: code,
            reasonPhrase: "Unknown \(statusClass.rangeLabel) (\(statusClass.name))",
            reference: "RFC 3261 §8.1.3.2 (an unknown code is handled as \(statusClass.standInCode))",
            meaning: statusClass.meaning,
            whenYouSeeIt: statusClass.whenYouSeeIt,
            howToFix: statusClass.howToFix,
            sentBy: [.anyServer],
            clientAction: statusClass.clientAction,
            retry: statusClass.retry,
            keyHeaders: statusClass.keyHeaders,
            isRegistered: false
        )
    }
}
