/// Turns catalog entries into text for a terminal of a given width, or into JSON.
///
/// Pure formatting with no terminal I/O, so that `dialtone explain` prints exactly what
/// the tests check: one entry as a card, two side by side with their key differences,
/// more one after another.
public struct StatusExplanationRenderer: Sendable {
    /// The narrowest layout that stays readable; narrower terminals get this width.
    public static let minimumWidth = 40

    /// Columns available, at least `minimumWidth`.
    public let width: Int

    public init(width: Int = 80) {
        self.width = max(width, Self.minimumWidth)
    }

    /// One entry as a card, two as a comparison, more as cards one after another.
    public func render(_ entries: [SIPStatusEntry]) -> String {
        switch entries.count {
        case 0: return ""
        case 1: return renderEntry(entries[0])
        case 2: return renderComparison(entries[0], entries[1])
        default:
            let rule = String(repeating: "─", count: width)
            return entries.map(renderEntry).joined(separator: "\n\n" + rule + "\n\n")
        }
    }

    // MARK: One entry

    /// The entry as a card: headline, facts, the three texts, then what a client does.
    public func renderEntry(_ entry: SIPStatusEntry) -> String {
        var lines = TextLayout.wrap(entry.headline, width: width)
        let labelWidth = 13
        func fact(_ label: String, _ value: String) {
            lines += TextLayout.hanging(
                value,
                firstPrefix: "  " + TextLayout.pad(label, to: labelWidth - 2),
                restPrefix: String(repeating: " ", count: labelWidth),
                width: width
            )
        }
        fact("Class", entry.statusClass.displayName)
        fact("Reference", entry.reference)
        if !entry.isRegistered {
            fact("Registry", "not registered with IANA; explained by its class")
        } else if entry.isDeprecated {
            fact("Registry", "registered, and marked deprecated")
        }
        fact("Sent by", SIPResponder.list(entry.sentBy))

        func section(_ title: String, _ paragraphs: [String]) {
            lines.append("")
            lines.append(title)
            for paragraph in paragraphs {
                lines += TextLayout.hanging(paragraph, firstPrefix: "  ", restPrefix: "  ", width: width)
            }
        }
        section("What it means", [entry.meaning])
        section("When you see it", [entry.whenYouSeeIt])
        section("How to fix it", [entry.howToFix])

        var next = [TextLayout.sentence(entry.clientAction)]
        if entry.retry != .none {
            next.append(TextLayout.sentence("Retry: " + entry.retry.summary))
        }
        next.append(TextLayout.sentence(entry.callEffect.summary))
        if let repeated = entry.whenRepeated {
            next.append("If it comes back: " + repeated)
        }
        section("What the client does next", next)

        if !entry.keyHeaders.isEmpty {
            lines.append("")
            lines.append("Headers that matter")
            for header in entry.keyHeaders {
                lines += TextLayout.hanging(TextLayout.sentence(header.sentence), firstPrefix: "  • ", restPrefix: "    ", width: width)
            }
        }
        return lines.joined(separator: "\n")
    }

    // MARK: Two entries

    /// The two entries in two columns, then the key differences and what they share.
    public func renderComparison(_ first: SIPStatusEntry, _ second: SIPStatusEntry) -> String {
        // The columns sit two spaces in, so the section titles stand out as in a card.
        let indent = "  "
        let separator = " │ "
        let leftWidth = (width - indent.count - separator.count) / 2
        let rightWidth = width - indent.count - separator.count - leftWidth
        var lines: [String] = []

        func columns(_ left: [String], _ right: [String]) {
            for index in 0..<max(left.count, right.count) {
                let leftLine = index < left.count ? left[index] : ""
                let rightLine = index < right.count ? right[index] : ""
                var line = indent + TextLayout.pad(leftLine, to: leftWidth) + separator + rightLine
                while line.last == " " { line.removeLast() }
                lines.append(line)
            }
        }
        func wrapped(_ text: String, _ columnWidth: Int) -> [String] {
            TextLayout.wrap(text, width: columnWidth)
        }
        func header(_ entry: SIPStatusEntry, _ columnWidth: Int) -> [String] {
            var header = wrapped(entry.headline, columnWidth)
            header += wrapped(entry.statusClass.displayName, columnWidth)
            header += wrapped(entry.reference, columnWidth)
            if !entry.isRegistered {
                header += wrapped("not registered with IANA", columnWidth)
            } else if entry.isDeprecated {
                header += wrapped("deprecated", columnWidth)
            }
            return header
        }

        columns(header(first, leftWidth), header(second, rightWidth))
        for (title, text) in [
            ("What it means", \SIPStatusEntry.meaning),
            ("When you see it", \SIPStatusEntry.whenYouSeeIt),
            ("How to fix it", \SIPStatusEntry.howToFix),
        ] {
            lines.append("")
            lines.append(title)
            columns(wrapped(first[keyPath: text], leftWidth), wrapped(second[keyPath: text], rightWidth))
        }

        let comparison = SIPStatusComparison(first, second)
        lines.append("")
        lines.append("Key differences")
        if comparison.differences.isEmpty {
            lines.append("  • None: both are \(first.code).")
        }
        for difference in comparison.differences {
            lines.append("  • " + difference.topic)
            for (entry, text) in [(first, difference.first), (second, difference.second)] {
                let label = "\(entry.code): "
                lines += TextLayout.hanging(
                    TextLayout.sentence(text),
                    firstPrefix: "      " + label,
                    restPrefix: String(repeating: " ", count: 6 + label.count),
                    width: width
                )
            }
        }
        if !comparison.shared.isEmpty {
            lines.append("")
            lines.append("In common")
            for fact in comparison.shared {
                lines += TextLayout.hanging(fact, firstPrefix: "  • ", restPrefix: "    ", width: width)
            }
        }
        return lines.joined(separator: "\n")
    }

    // MARK: JSON

    /// The entries as a JSON array of objects with the keys code, reason, class, reference,
    /// registered, meaning, when and fix, in that order, for scripts.
    public static func json(_ entries: [SIPStatusEntry]) -> String {
        if entries.isEmpty { return "[]" }
        let objects = entries.map { entry in
            let fields: [(String, String)] = [
                ("code", String(entry.code)),
                ("reason", jsonString(entry.reasonPhrase)),
                ("class", jsonString(entry.statusClass.identifier)),
                ("reference", jsonString(entry.reference)),
                ("registered", entry.isRegistered ? "true" : "false"),
                ("meaning", jsonString(entry.meaning)),
                ("when", jsonString(entry.whenYouSeeIt)),
                ("fix", jsonString(entry.howToFix)),
            ]
            let body = fields.map { "    \(jsonString($0.0)): \($0.1)" }.joined(separator: ",\n")
            return "  {\n" + body + "\n  }"
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n]"
    }

    static func jsonString(_ text: String) -> String { JSONText.quoted(text) }
}
