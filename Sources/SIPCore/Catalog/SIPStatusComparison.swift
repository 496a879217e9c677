/// What sets two response codes apart, and what they share, worked out from the catalog's
/// facts (class, sender, next step, retry, headers, effect on the call), so that any pair
/// gets an honest comparison, not only the pairs someone thought to write up.
public struct SIPStatusComparison: Sendable, Hashable {
    /// One way in which the two codes differ: a topic and what holds for each side.
    public struct Difference: Sendable, Hashable {
        /// What is compared: "Sent by", "Retry", …
        public var topic: String
        /// What holds for the first code.
        public var first: String
        /// What holds for the second code.
        public var second: String
    }

    public let first: SIPStatusEntry
    public let second: SIPStatusEntry
    /// The differences, most telling first.
    public let differences: [Difference]
    /// Facts true of both, as sentences.
    public let shared: [String]

    public init(_ first: SIPStatusEntry, _ second: SIPStatusEntry) {
        self.first = first
        self.second = second
        var differences: [Difference] = []
        var shared: [String] = []

        func differ(_ topic: String, _ fact: (SIPStatusEntry) -> String) {
            differences.append(Difference(topic: topic, first: fact(first), second: fact(second)))
        }

        // The gist of each: the first sentence of its meaning.
        if first.summary != second.summary {
            differ("In short") { $0.summary }
        }

        // Class.
        if first.statusClass != second.statusClass {
            differ("Class") { "\($0.statusClass.displayName) — \($0.statusClass.gist)" }
        } else {
            shared.append("Both are \(first.statusClass.pluralDisplayName): \(first.statusClass.gist).")
        }

        // Registry.
        if first.isRegistered != second.isRegistered {
            differ("Registry") {
                $0.isRegistered
                    ? "registered with IANA (\($0.reference))"
                    : "not registered; explained by its class"
            }
        }

        // Who sends it.
        if Set(first.sentBy) != Set(second.sentBy) {
            differ("Sent by") { SIPResponder.list($0.sentBy) }
        } else {
            shared.append("Both typically come from \(SIPResponder.list(first.sentBy)).")
        }

        // What the client does next.
        if first.clientAction != second.clientAction {
            differ("What the client does next") { $0.clientAction }
        }

        // Retry, and with it whether the dialled URI stays the same.
        if first.retry != second.retry {
            differ("Retry") { $0.retry.summary }
        } else if first.retry != .none {
            shared.append("Retry, for both: \(first.retry.summary).")
        }

        // Headers to read.
        let firstHeaders = first.keyHeaders.map(\.name)
        let secondHeaders = second.keyHeaders.map(\.name)
        if firstHeaders != secondHeaders {
            differ("Headers that matter") { entry in
                entry.keyHeaders.isEmpty
                    ? "none in particular"
                    : entry.keyHeaders.map(\.sentence).joined(separator: "; ")
            }
        } else if !firstHeaders.isEmpty {
            shared.append("For both, \(Self.list(firstHeaders)) \(firstHeaders.count == 1 ? "is the header" : "are the headers") to read.")
        }

        // When the same code comes back.
        if first.whenRepeated != nil || second.whenRepeated != nil, first.whenRepeated != second.whenRepeated {
            differ("If it comes back") { $0.whenRepeated ?? "nothing special: handle it the same way again" }
        } else if let repeated = first.whenRepeated {
            shared.append("If it comes back, for both: \(repeated)")
        }

        // Effect on the call.
        if first.callEffect != second.callEffect {
            differ("Effect on the call") { $0.callEffect.summary }
        } else {
            shared.append("For both, \(first.callEffect.summary).")
        }

        // Transaction and acknowledgement.
        switch (first.isFinal, second.isFinal) {
        case (false, false):
            shared.append("Both are provisional: neither ends the transaction, and a final response will follow.")
        case (true, true):
            let firstIs2xx = first.statusClass == .success
            let secondIs2xx = second.statusClass == .success
            if firstIs2xx != secondIs2xx {
                differ("Acknowledgement after an INVITE") { Self.acknowledgement(of: $0) }
            } else if firstIs2xx {
                shared.append("Both are final successes: after an INVITE the caller acknowledges them with an ACK of its own, end to end, outside the INVITE transaction.")
            } else {
                shared.append("Both are final: each ends its transaction, and after an INVITE the client transaction itself sends the ACK, on the same branch.")
            }
        default:
            differ("Transaction") { entry in
                entry.isFinal
                    ? "final: it ends the transaction; after an INVITE, \(Self.acknowledgement(of: entry))"
                    : "provisional: the transaction stays open and more responses follow"
            }
        }

        self.differences = differences
        self.shared = shared
    }

    private static func acknowledgement(of entry: SIPStatusEntry) -> String {
        entry.statusClass == .success
            ? "the caller sends ACK as a request of its own, end to end"
            : "the client transaction ACKs it on the same branch, hop by hop"
    }

    private static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
        }
    }
}
