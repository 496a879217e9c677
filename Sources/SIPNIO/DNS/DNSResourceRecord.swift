/// One resource record of a DNS answer, with the data of the types RFC 3263 reads.
public struct DNSResourceRecord: Sendable, Hashable, CustomStringConvertible {
    /// The owner name, lower-cased, without the final dot: `_sip._udp.example.com`.
    public var name: String
    public var type: DNSRecordType
    public var ttl: UInt32
    public var data: DNSRecordData

    public init(name: String, type: DNSRecordType, ttl: UInt32, data: DNSRecordData) {
        self.name = name
        self.type = type
        self.ttl = ttl
        self.data = data
    }

    public var description: String { "\(name) \(ttl) \(type) \(data)" }
}

/// The data of a record.
public enum DNSRecordData: Sendable, Hashable, CustomStringConvertible {
    /// A or AAAA: the address as text (`192.0.2.1`, `2001:db8::1`).
    case address(String)
    case srv(DNSSRVRecord)
    case naptr(DNSNAPTRRecord)
    /// CNAME: the canonical name.
    case cname(String)
    /// Any other type: the raw RDATA.
    case other([UInt8])

    public var description: String {
        switch self {
        case let .address(text): text
        case let .srv(srv): "\(srv.priority) \(srv.weight) \(srv.port) \(srv.target)"
        case let .naptr(n): "\(n.order) \(n.preference) \"\(n.flags)\" \"\(n.services)\" \"\(n.regexp)\" \(n.replacement)"
        case let .cname(name): name
        case let .other(bytes): "\\# \(bytes.count)"
        }
    }
}

/// SRV RDATA (RFC 2782).
public struct DNSSRVRecord: Sendable, Hashable {
    public var priority: UInt16
    public var weight: UInt16
    public var port: UInt16
    /// The host, lower-cased, without the final dot; "" for `.` (no service here).
    public var target: String

    public init(priority: UInt16, weight: UInt16, port: UInt16, target: String) {
        self.priority = priority
        self.weight = weight
        self.port = port
        self.target = target
    }
}

/// NAPTR RDATA (RFC 3403 §4.1).
public struct DNSNAPTRRecord: Sendable, Hashable {
    public var order: UInt16
    public var preference: UInt16
    /// `s`, `a`, `u`, `p` or "" (RFC 3404 §4.1).
    public var flags: String
    /// `SIP+D2U`, `SIPS+D2T`… (RFC 3263 §4.1).
    public var services: String
    public var regexp: String
    /// The next name to look up, lower-cased, without the final dot; "" for `.`.
    public var replacement: String

    public init(order: UInt16, preference: UInt16, flags: String, services: String, regexp: String, replacement: String) {
        self.order = order
        self.preference = preference
        self.flags = flags
        self.services = services
        self.regexp = regexp
        self.replacement = replacement
    }
}
