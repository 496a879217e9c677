import Testing
@testable import SIPCore

/// The IANA "Response Codes" registry (sip-parameters-7): code, reason phrase, and the
/// reference column (empty means RFC 3261). 202 appears there as "Accepted (Deprecated)";
/// the catalog keeps "Accepted" as the phrase and marks the entry deprecated.
private let registry: [(code: Int, reason: String, rfc: String)] = [
    (100, "Trying", ""), (180, "Ringing", ""), (181, "Call Is Being Forwarded", ""),
    (182, "Queued", ""), (183, "Session Progress", ""), (199, "Early Dialog Terminated", "RFC 6228"),
    (200, "OK", ""), (202, "Accepted", "RFC 6665"), (204, "No Notification", "RFC 5839"),
    (300, "Multiple Choices", ""), (301, "Moved Permanently", ""), (302, "Moved Temporarily", ""),
    (305, "Use Proxy", ""), (380, "Alternative Service", ""),
    (400, "Bad Request", ""), (401, "Unauthorized", ""), (402, "Payment Required", ""),
    (403, "Forbidden", ""), (404, "Not Found", ""), (405, "Method Not Allowed", ""),
    (406, "Not Acceptable", ""), (407, "Proxy Authentication Required", ""),
    (408, "Request Timeout", ""), (410, "Gone", ""), (412, "Conditional Request Failed", "RFC 3903"),
    (413, "Request Entity Too Large", ""), (414, "Request-URI Too Long", ""),
    (415, "Unsupported Media Type", ""), (416, "Unsupported URI Scheme", ""),
    (417, "Unknown Resource-Priority", "RFC 4412"), (420, "Bad Extension", ""),
    (421, "Extension Required", ""), (422, "Session Interval Too Small", "RFC 4028"),
    (423, "Interval Too Brief", ""), (424, "Bad Location Information", "RFC 6442"),
    (425, "Bad Alert Message", "RFC 8876"), (428, "Use Identity Header", "RFC 8224"),
    (429, "Provide Referrer Identity", "RFC 3892"), (430, "Flow Failed", "RFC 5626"),
    (433, "Anonymity Disallowed", "RFC 5079"), (436, "Bad Identity Info", "RFC 8224"),
    (437, "Unsupported Credential", "RFC 8224"), (438, "Invalid Identity Header", "RFC 8224"),
    (439, "First Hop Lacks Outbound Support", "RFC 5626"), (440, "Max-Breadth Exceeded", "RFC 5393"),
    (469, "Bad Info Package", "RFC 6086"), (470, "Consent Needed", "RFC 5360"),
    (480, "Temporarily Unavailable", ""), (481, "Call/Transaction Does Not Exist", ""),
    (482, "Loop Detected", ""), (483, "Too Many Hops", ""), (484, "Address Incomplete", ""),
    (485, "Ambiguous", ""), (486, "Busy Here", ""), (487, "Request Terminated", ""),
    (488, "Not Acceptable Here", ""), (489, "Bad Event", "RFC 6665"), (491, "Request Pending", ""),
    (493, "Undecipherable", ""), (494, "Security Agreement Required", "RFC 3329"),
    (500, "Server Internal Error", ""), (501, "Not Implemented", ""), (502, "Bad Gateway", ""),
    (503, "Service Unavailable", ""), (504, "Server Time-out", ""), (505, "Version Not Supported", ""),
    (513, "Message Too Large", ""), (555, "Push Notification Service Not Supported", "RFC 8599"),
    (580, "Precondition Failure", "RFC 3312"),
    (600, "Busy Everywhere", ""), (603, "Decline", ""), (604, "Does Not Exist Anywhere", ""),
    (606, "Not Acceptable", ""), (607, "Unwanted", "RFC 8197"), (608, "Rejected", "RFC 8688"),
]

@Suite struct StatusCatalogTests {
    @Test func catalogHoldsExactlyTheRegistry() {
        #expect(registry.count == 75)
        #expect(SIPStatusCatalog.all.map(\.code) == registry.map(\.code))
    }

    @Test func noCodeAppearsTwice() {
        let codes = SIPStatusCatalog.all.map(\.code)
        #expect(Set(codes).count == codes.count)
        #expect(codes == codes.sorted())
    }

    @Test(arguments: registry.map(\.code))
    func everyRegisteredCodeIsCompleteAndConsistent(code: Int) throws {
        let entry = try #require(SIPStatusCatalog.entry(for: code))
        let expected = try #require(registry.first { $0.code == code })
        #expect(entry.code == code)
        #expect(entry.reasonPhrase == expected.reason)
        #expect(entry.isRegistered)
        #expect(entry.statusClass.rawValue == code / 100)
        let rfc = expected.rfc.isEmpty ? "RFC 3261 §21." : expected.rfc
        #expect(entry.reference.hasPrefix(rfc), "reference \(entry.reference) should start with \(rfc)")
        for text in [entry.meaning, entry.whenYouSeeIt, entry.howToFix, entry.clientAction] {
            #expect(!text.isEmpty)
            #expect(!text.contains("  "), "double space in \(code): \(text)")
        }
        for text in [entry.meaning, entry.whenYouSeeIt, entry.howToFix] {
            #expect(text.first?.isUppercase == true, "\(code) text should start a sentence: \(text)")
            #expect(text.hasSuffix("."), "\(code) text should end a sentence: \(text)")
        }
        #expect(!entry.sentBy.isEmpty)
        #expect(!entry.summary.isEmpty && entry.meaning.hasPrefix(entry.summary))
        #expect(SIPStatusCatalog.registeredEntry(for: code) == entry)
    }

    @Test func reasonPhrasesWhereTheRegistryDiffersFromFolklore() throws {
        // The spellings people most often get wrong, checked against the registry.
        #expect(SIPStatusCatalog.entry(for: 500)?.reasonPhrase == "Server Internal Error")
        #expect(SIPStatusCatalog.entry(for: 504)?.reasonPhrase == "Server Time-out")
        #expect(SIPStatusCatalog.entry(for: 437)?.reasonPhrase == "Unsupported Credential")
        #expect(SIPStatusCatalog.entry(for: 481)?.reasonPhrase == "Call/Transaction Does Not Exist")
        #expect(SIPStatusCatalog.entry(for: 606)?.reasonPhrase == "Not Acceptable")
        let accepted = try #require(SIPStatusCatalog.entry(for: 202))
        #expect(accepted.reasonPhrase == "Accepted")
        #expect(accepted.isDeprecated)
        #expect(SIPStatusCatalog.all.filter(\.isDeprecated).map(\.code) == [202])
        // Codes from RFC 2543 that RFC 3261 dropped are not registered.
        #expect(SIPStatusCatalog.entry(for: 409)?.isRegistered == false)
        #expect(SIPStatusCatalog.entry(for: 411)?.isRegistered == false)
    }

    @Test func movedTemporarilyTextsAreExactlyTheHouseOnes() throws {
        let entry = try #require(SIPStatusCatalog.entry(for: 302))
        #expect(entry.headline == "302 Moved Temporarily")
        #expect(entry.statusClass == .redirection)
        #expect(entry.meaning == "The callee has temporarily moved to a different address. The client should retry the request at the Contact address but continue using the original URI for future requests.")
        #expect(entry.whenYouSeeIt == "When a user is temporarily reachable at a different location, such as when traveling or using a different device.")
        #expect(entry.howToFix == "Redirect the current call to the Contact URI provided, but keep the original URI for future requests.")
        #expect(entry.summary == "The callee has temporarily moved to a different address.")
        #expect(entry.retry == .atContact)
        #expect(entry.keyHeaders.first?.name == "Contact")
    }

    @Test(arguments: [299, 498, 650, 101, 201, 399, 599])
    func unregisteredCodesFallBackToTheirClass(code: Int) throws {
        let entry = try #require(SIPStatusCatalog.entry(for: code))
        let statusClass = try #require(SIPStatusClass(code: code))
        #expect(!entry.isRegistered)
        #expect(entry.code == code)
        #expect(entry.statusClass == statusClass)
        #expect(entry.reasonPhrase == "Unknown \(statusClass.rangeLabel) (\(statusClass.name))")
        #expect(entry.meaning == statusClass.meaning)
        #expect(entry.whenYouSeeIt == statusClass.whenYouSeeIt)
        #expect(entry.howToFix == statusClass.howToFix)
        #expect(entry.retry == statusClass.retry)
        #expect(SIPStatusCatalog.registeredEntry(for: code) == nil)
    }

    @Test func fallbackReasonReadsAsDocumented() {
        #expect(SIPStatusCatalog.entry(for: 498)?.reasonPhrase == "Unknown 4xx (client failure)")
        #expect(SIPStatusCatalog.entry(for: 650)?.reasonPhrase == "Unknown 6xx (global failure)")
        #expect(SIPStatusCatalog.entry(for: 299)?.reasonPhrase == "Unknown 2xx (success)")
    }

    @Test(arguments: [Int.min, -302, 0, 1, 99, 700, 999, 1000, Int.max])
    func codesOutsideTheRangeHaveNoEntry(code: Int) {
        #expect(SIPStatusCatalog.entry(for: code) == nil)
        #expect(SIPStatusClass(code: code) == nil)
    }

    @Test func classBoundaries() {
        #expect(SIPStatusClass(code: 100) == .informational)
        #expect(SIPStatusClass(code: 199) == .informational)
        #expect(SIPStatusClass(code: 200) == .success)
        #expect(SIPStatusClass(code: 699) == .globalFailure)
        #expect(SIPStatusClass.clientFailure.displayName == "4xx client failure")
        #expect(SIPStatusClass.informational.standInCode == 183)
        #expect(SIPStatusClass.serverFailure.standInCode == 500)
        #expect(SIPStatusClass.allCases.allSatisfy { $0.codes.count == 100 })
    }

    @Test func nextStepsAreDistinctSoAnyTwoCodesCanBeToldApart() {
        var seen: [String: Int] = [:]
        for entry in SIPStatusCatalog.all {
            if let other = seen[entry.clientAction] {
                Issue.record("\(entry.code) and \(other) share the client action '\(entry.clientAction)'")
            }
            seen[entry.clientAction] = entry.code
        }
    }

    @Test func factsThatDriveTheClientAreRight() throws {
        func entry(_ code: Int) throws -> SIPStatusEntry { try #require(SIPStatusCatalog.entry(for: code)) }
        #expect(try entry(401).sentBy.contains(.registrar))
        #expect(try entry(401).keyHeaders.map(\.name) == ["WWW-Authenticate", "Authorization"])
        #expect(try entry(407).sentBy == [.proxy])
        #expect(try entry(407).keyHeaders.map(\.name) == ["Proxy-Authenticate", "Proxy-Authorization"])
        #expect(try entry(423).keyHeaders.map(\.name) == ["Min-Expires"])
        #expect(try entry(422).keyHeaders.first?.name == "Min-SE")
        #expect(try entry(420).keyHeaders.first?.name == "Unsupported")
        #expect(try entry(405).keyHeaders.first?.name == "Allow")
        #expect(try entry(415).keyHeaders.first?.name == "Accept")
        #expect(try entry(503).keyHeaders.first?.name == "Retry-After")
        #expect(try entry(486).keyHeaders.first?.name == "Retry-After")
        #expect(try entry(600).keyHeaders.first?.name == "Retry-After")
        #expect(try entry(481).callEffect == .dialogGone)
        #expect(try entry(487).callEffect == .cancelled)
        #expect(try entry(603).callEffect == .failsEverywhere)
        #expect(try entry(486).callEffect == .failsHere)
        #expect(try entry(302).callEffect == .continuesWithNewRequest)
        #expect(try entry(401).callEffect == .continuesWithNewRequest)
        #expect(try entry(408).sentBy.contains(.localStack))
        #expect(try entry(302).retry.changesRequestURI)
        #expect(try !entry(401).retry.changesRequestURI)
        #expect(try !entry(503).retry.changesRequestURI)
        for entry in SIPStatusCatalog.all where entry.statusClass == .informational {
            #expect(entry.callEffect == .inProgress && entry.retry == .none && !entry.isFinal)
        }
    }

    @Test func summaryIsTheFirstSentenceOnly() {
        #expect(SIPStatusEntry.firstSentence(of: "One. Two.") == "One.")
        #expect(SIPStatusEntry.firstSentence(of: "See §21.3.3 and e.g. this. Next.") == "See §21.3.3 and e.g. this.")
        #expect(SIPStatusEntry.firstSentence(of: "No full stop") == "No full stop")
        #expect(SIPStatusEntry.firstSentence(of: "Ends here.") == "Ends here.")
    }
}
