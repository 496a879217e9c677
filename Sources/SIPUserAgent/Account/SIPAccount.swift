import SIPCore

/// Who Dialtone is on the network: an address of record and how to reach its registrar
/// and proxy. Secrets are not part of it (credentials are asked for, or come from a
/// password file or the environment, per realm).
public struct SIPAccount: Sendable, Hashable, Identifiable {
    /// How requests leave, when the URI does not say (`;transport=`, `sips:`).
    public enum Transport: String, Sendable, Hashable, CaseIterable {
        case udp, tcp, tls
    }

    /// The name the account goes by in the config (`[accounts.work]` → "work"), in events
    /// and on screen.
    public var id: String
    /// `sip:alice@example.test`: the From of every request, the To of REGISTER.
    public var addressOfRecord: SIPURI
    public var displayName: String?
    /// Where REGISTER goes; nil means do not register (calls still go out).
    public var registrar: SIPURI?
    /// Outbound proxy: every request out of a dialog goes there first (a preloaded route).
    public var outboundProxy: SIPURI?
    public var transport: Transport
    /// The username for digest authentication; nil means the AOR's user part.
    public var authUsername: String?
    /// Restricts `authUsername` to one realm; nil answers any realm with it.
    public var realm: String?
    /// Registration lifetime asked for, in seconds.
    public var registerExpires: Int

    public init(
        id: String, addressOfRecord: SIPURI, displayName: String? = nil, registrar: SIPURI? = nil,
        outboundProxy: SIPURI? = nil, transport: Transport = .udp, authUsername: String? = nil,
        realm: String? = nil, registerExpires: Int = 3600
    ) {
        self.id = id
        self.addressOfRecord = addressOfRecord
        self.displayName = displayName
        self.registrar = registrar
        self.outboundProxy = outboundProxy
        self.transport = transport
        self.authUsername = authUsername
        self.realm = realm
        self.registerExpires = registerExpires
    }

    /// The digest username to offer for `realm`, when the account has one for it.
    public func username(forRealm realm: String) -> String? {
        if let own = self.realm, own != realm { return nil }
        return authUsername ?? addressOfRecord.user
    }
}
