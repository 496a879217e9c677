import DialtoneConfig
import SIPUserAgent
import Synchronization

/// The opt-in credential store (config `credential_store`) and the passwords typed at
/// prompts, which are written there only once a call connected or a registration
/// succeeded with them, and dropped when they were refused.
final class CredentialMemory: Sendable {
    private let store: Mutex<DialtoneCredentialStore?>
    private let pending = Mutex<[DialtoneCredentialStore.Entry]>([])

    /// Says a problem (the store could not be written) where the person will see it.
    private let report: @Sendable (String) -> Void

    init(store: DialtoneCredentialStore?, report: @escaping @Sendable (String) -> Void) {
        self.store = Mutex(store)
        self.report = report
    }

    func stored(realm: String, host: String) -> DialtoneCredentialStore.Entry? {
        store.withLock { $0?.entry(realm: realm, host: host) }
    }

    func typed(_ entry: DialtoneCredentialStore.Entry) {
        guard store.withLock({ $0 != nil }) else { return }
        pending.withLock { $0.append(entry) }
    }

    func note(_ event: SIPUserAgentEvent) {
        switch event {
        case let .authenticationFailed(realm, host, _, _, _):
            pending.withLock { $0.removeAll { $0.realm == realm && $0.host == host } }
        case .callState(_, .connected), .registration(_, .registered):
            let accepted = pending.withLock { entries in
                defer { entries.removeAll() }
                return entries
            }
            guard !accepted.isEmpty else { return }
            store.withLock { store in
                guard var current = store else { return }
                for entry in accepted { current.remember(entry) }
                do {
                    try current.save()
                    store = current
                } catch {
                    report("could not write the credential store: \(error)")
                }
            }
        default:
            break
        }
    }
}
