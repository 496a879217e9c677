import Testing
@testable import SIPCore

@Suite struct StatusComparisonTests {
    @Test func movedTemporarilyVersusUnauthorized() throws {
        let comparison = SIPStatusComparison(
            try #require(SIPStatusCatalog.entry(for: 302)),
            try #require(SIPStatusCatalog.entry(for: 401))
        )
        let topics = comparison.differences.map(\.topic)
        #expect(topics == ["In short", "Class", "Sent by", "What the client does next", "Retry", "Headers that matter", "If it comes back"])
        let retry = try #require(comparison.differences.first { $0.topic == "Retry" })
        #expect(retry.first.contains("dialled URI stays"))
        #expect(retry.second.contains("same Request-URI"))
        let headers = try #require(comparison.differences.first { $0.topic == "Headers that matter" })
        #expect(headers.first.hasPrefix("Contact"))
        #expect(headers.second.hasPrefix("WWW-Authenticate") && headers.second.contains("Authorization"))
        #expect(comparison.shared.contains { $0.contains("Call-ID") && $0.contains("CSeq + 1") })
        #expect(comparison.shared.contains { $0.hasPrefix("Both are final") })
    }

    @Test func sameClassComparisonSaysWhatIsShared() throws {
        let comparison = SIPStatusComparison(
            try #require(SIPStatusCatalog.entry(for: 401)),
            try #require(SIPStatusCatalog.entry(for: 407))
        )
        #expect(!comparison.differences.contains { $0.topic == "Class" })
        #expect(comparison.shared.first == "Both are 4xx client failures: \(SIPStatusClass.clientFailure.gist).")
        #expect(comparison.differences.contains { $0.topic == "Sent by" && $0.second == "a proxy (or SBC)" })
    }

    @Test func provisionalVersusFinal() throws {
        let comparison = SIPStatusComparison(
            try #require(SIPStatusCatalog.entry(for: 183)),
            try #require(SIPStatusCatalog.entry(for: 486))
        )
        let transaction = try #require(comparison.differences.first { $0.topic == "Transaction" })
        #expect(transaction.first.hasPrefix("provisional"))
        #expect(transaction.second.hasPrefix("final"))
    }

    @Test func everyPairOfRegisteredCodesHasHonestDifferences() {
        let entries = SIPStatusCatalog.all
        for first in entries {
            for second in entries where second.code != first.code {
                let comparison = SIPStatusComparison(first, second)
                if comparison.differences.isEmpty {
                    Issue.record("\(first.code) and \(second.code) show no difference")
                }
                for difference in comparison.differences where difference.first == difference.second {
                    Issue.record("\(first.code)/\(second.code): '\(difference.topic)' says the same for both")
                }
                let topics = comparison.differences.map(\.topic)
                if Set(topics).count != topics.count {
                    Issue.record("\(first.code)/\(second.code): a topic appears twice")
                }
            }
        }
    }

    @Test func identicalCodesHaveNoDifferences() throws {
        let entry = try #require(SIPStatusCatalog.entry(for: 486))
        #expect(SIPStatusComparison(entry, entry).differences.isEmpty)
    }
}
