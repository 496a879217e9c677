/// The name service under RFC 3263 resolution: record look-ups (NAPTR, SRV) and
/// address look-ups (A/AAAA). Calls block until the answer comes; the transport layer
/// makes them on a thread pool, never on the event loop. Tests pass a table.
public protocol SIPNameLookup: Sendable {
    /// The records of `type` for `name`, with the additional section's records (where
    /// an SRV answer carries its targets' addresses).
    func records(_ name: String, type: DNSRecordType) throws(SIPNameLookupError) -> DNSLookupResult

    /// The IPv4 and IPv6 addresses of `host`, in the order to try them. An empty array
    /// or `.noSuchName` when it has none.
    func addresses(of host: String) throws(SIPNameLookupError) -> [String]
}

/// What a record look-up found.
public struct DNSLookupResult: Sendable, Hashable {
    /// The answer's records of the type asked for.
    public var records: [DNSResourceRecord]
    /// Address records that came along (the additional section).
    public var additionalAddresses: [DNSResourceRecord]

    public init(records: [DNSResourceRecord], additionalAddresses: [DNSResourceRecord] = []) {
        self.records = records
        self.additionalAddresses = additionalAddresses
    }

    public static let empty = DNSLookupResult(records: [])
}

/// Why a look-up gave nothing, in words the resolution error repeats.
public struct SIPNameLookupError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// NXDOMAIN: the name does not exist.
        case noSuchName
        /// No server answered in time, or the server failed (SERVFAIL).
        case temporaryFailure
        /// The answer was refused or could not be read.
        case failure
    }

    public var kind: Kind
    public var detail: String

    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    public var description: String { detail }

    public static let noSuchName = SIPNameLookupError(.noSuchName, "no such name")
}
