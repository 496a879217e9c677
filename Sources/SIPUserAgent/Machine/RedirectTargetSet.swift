import SIPCore

/// A call's target set (RFC 3261 §8.1.3.4, §16.5): every URI the call has been or will be
/// sent to, each at most once, tried in q order, highest first (the order given among
/// equal q). Knows which 3xx added each target, for the notice.
struct RedirectTargetSet: Sendable {
    struct Target: Sendable {
        var uri: SIPURI
        /// Thousandths; 1000 when the Contact gave no q.
        var q: Int
        /// The 3xx code and the target that answered it.
        var code: Int
        var from: SIPURI
    }

    /// Every URI ever in the set (tried or waiting), for "at most once".
    private(set) var seen: [SIPURI] = []
    /// Waiting, highest q first.
    private(set) var pending: [Target] = []
    /// Redirects followed so far (targets taken from the set).
    private(set) var followed = 0

    init(first: SIPURI) {
        seen = [first]
    }

    /// Adds a 3xx's Contacts. Returns the ones that were new; the rest had been seen
    /// (a loop when none is new).
    mutating func add(_ contacts: [(uri: SIPURI, q: Int)], code: Int, from: SIPURI) -> [SIPURI] {
        var added: [SIPURI] = []
        for contact in contacts where !contains(contact.uri) {
            seen.append(contact.uri)
            added.append(contact.uri)
            let target = Target(uri: contact.uri, q: contact.q, code: code, from: from)
            let index = pending.firstIndex { $0.q < target.q } ?? pending.endIndex
            pending.insert(target, at: index)
        }
        return added
    }

    func contains(_ uri: SIPURI) -> Bool {
        seen.contains { $0.isEquivalent(to: uri) }
    }

    /// The next target to try, highest q first.
    mutating func next() -> Target? {
        guard !pending.isEmpty else { return nil }
        followed += 1
        return pending.removeFirst()
    }

    /// Takes one chosen target out of the waiting ones (a person's choice from a 300).
    mutating func take(_ uri: SIPURI) -> Target? {
        guard let index = pending.firstIndex(where: { $0.uri.isEquivalent(to: uri) }) else { return nil }
        followed += 1
        return pending.remove(at: index)
    }
}
