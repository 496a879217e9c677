import Foundation
import Testing
@testable import SIPCore

@Suite struct StatusExplanationRendererTests {
    private func entries(_ codes: Int...) throws -> [SIPStatusEntry] {
        try codes.map { try #require(SIPStatusCatalog.entry(for: $0)) }
    }

    /// Every line fits the width and has no trailing spaces.
    private func expectFits(_ text: String, _ width: Int, _ context: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.count > width { Issue.record("\(context): line of \(line.count) > \(width): \(line)") }
            if line.last == " " { Issue.record("\(context): trailing space: '\(line)'") }
        }
    }

    @Test func oneEntryIsACardWithTheThreeTexts() throws {
        let text = StatusExplanationRenderer(width: 80).render(try entries(302))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "302 Moved Temporarily")
        #expect(lines.contains("  Class      3xx redirection"))
        #expect(lines.contains("  Reference  RFC 3261 §21.3.3"))
        for label in ["What it means", "When you see it", "How to fix it", "What the client does next", "Headers that matter"] {
            #expect(lines.contains(label), "missing \(label)")
        }
        // The house texts survive wrapping word for word.
        let joined = lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(joined.contains("The callee has temporarily moved to a different address. The client should retry the request at the Contact address but continue using the original URI for future requests."))
        expectFits(text, 80, "302")
    }

    @Test func unregisteredCodeSaysSo() throws {
        let text = StatusExplanationRenderer(width: 80).render(try entries(498))
        #expect(text.hasPrefix("498 Unknown 4xx (client failure)\n"))
        #expect(text.contains("not registered with IANA"))
    }

    @Test func twoEntriesAreComparedSideBySide() throws {
        let text = StatusExplanationRenderer(width: 100).render(try entries(302, 401))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "  302 Moved Temporarily" + String(repeating: " ", count: 26) + " │ 401 Unauthorized")
        #expect(lines.contains("Key differences"))
        #expect(lines.contains("In common"))
        #expect(lines.contains("  • Retry"))
        #expect(lines.contains { $0.hasPrefix("      302: ") })
        #expect(lines.contains { $0.hasPrefix("      401: ") })
        expectFits(text, 100, "302/401")
    }

    @Test func severalEntriesFollowOneAnother() throws {
        let text = StatusExplanationRenderer(width: 80).render(try entries(100, 486, 603))
        for headline in ["100 Trying", "486 Busy Here", "603 Decline"] {
            #expect(text.contains("\n\(headline)\n") || text.hasPrefix("\(headline)\n"))
        }
        #expect(!text.contains("Key differences"))
        expectFits(text, 80, "100/486/603")
    }

    @Test(arguments: [40, 57, 80, 100, 132])
    func everyCardFitsTheWidth(width: Int) {
        let renderer = StatusExplanationRenderer(width: width)
        for entry in SIPStatusCatalog.all {
            expectFits(renderer.renderEntry(entry), width, "\(entry.code) at \(width)")
        }
    }

    @Test func everyComparisonFitsTheWidth() {
        let renderer = StatusExplanationRenderer(width: 80)
        let entries = SIPStatusCatalog.all
        for (index, first) in entries.enumerated() {
            // Each code against its neighbours and a spread of others keeps this quick.
            for second in entries.enumerated().filter({ $0.offset != index && ($0.offset - index) % 7 == 1 }).map(\.element) {
                expectFits(renderer.renderComparison(first, second), 80, "\(first.code)/\(second.code)")
            }
        }
        let narrow = StatusExplanationRenderer(width: 40)
        for pair in [(302, 401), (183, 486), (498, 650)] {
            let first = SIPStatusCatalog.entry(for: pair.0)!
            let second = SIPStatusCatalog.entry(for: pair.1)!
            expectFits(narrow.renderComparison(first, second), 40, "\(pair) at 40")
        }
    }

    @Test func widthBelowTheMinimumIsRaised() {
        #expect(StatusExplanationRenderer(width: 10).width == StatusExplanationRenderer.minimumWidth)
    }

    @Test func jsonHasTheDocumentedKeysInOrder() throws {
        let json = StatusExplanationRenderer.json(try entries(302, 498))
        #expect(json.hasPrefix("[\n  {\n    \"code\": 302,\n    \"reason\": \"Moved Temporarily\",\n    \"class\": \"redirection\",\n    \"reference\": \"RFC 3261 §21.3.3\",\n    \"registered\": true,\n    \"meaning\": "))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(parsed.count == 2)
        #expect(Set(parsed[0].keys) == ["code", "reason", "class", "reference", "registered", "meaning", "when", "fix"])
        #expect(parsed[1]["code"] as? Int == 498)
        #expect(parsed[1]["registered"] as? Bool == false)
        #expect(parsed[1]["class"] as? String == "client-failure")
        #expect(parsed[0]["fix"] as? String == SIPStatusCatalog.entry(for: 302)?.howToFix)
        #expect(StatusExplanationRenderer.json([]) == "[]")
    }

    @Test func jsonStringsAreEscaped() throws {
        let literal = StatusExplanationRenderer.jsonString("a \"b\" \\ c\nd\u{01}§")
        #expect(literal == "\"a \\\"b\\\" \\\\ c\\nd\\u0001§\"")
        let decoded = try JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8)) as? [String]
        #expect(decoded == ["a \"b\" \\ c\nd\u{01}§"])
    }

    @Test func wrappingBreaksAtSpacesAndSplitsOverlongWords() {
        #expect(TextLayout.wrap("aa bb cc", width: 5) == ["aa bb", "cc"])
        #expect(TextLayout.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(TextLayout.wrap("x abcdefghij", width: 4) == ["x", "abcd", "efgh", "ij"])
        #expect(TextLayout.wrap("", width: 4) == [""])
        #expect(TextLayout.hanging("aa bb cc dd", firstPrefix: "- ", restPrefix: "  ", width: 17) == ["- aa bb cc dd"])
    }
}
