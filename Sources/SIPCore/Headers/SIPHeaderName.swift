/// A header name, recognised once at parse time so that lookups compare small integers
/// rather than strings. Names are case-insensitive and compact forms (RFC 3261 §7.3.3,
/// IANA) map to their long form; anything else is `.extension` and compared by text.
public enum SIPHeaderName: UInt8, Sendable, CaseIterable {
    case accept, acceptContact, acceptEncoding, acceptLanguage, alertInfo, allow, allowEvents
    case authenticationInfo, authorization, callID, callInfo, contact, contentDisposition
    case contentEncoding, contentLanguage, contentLength, contentType, cseq, date, errorInfo
    case event, expires, from, identity, identityInfo, inReplyTo, maxForwards, mimeVersion
    case minExpires, minSE, organization, pAssertedIdentity, pPreferredIdentity, priority
    case privacy, proxyAuthenticate, proxyAuthorization, proxyRequire, rack, reason
    case recordRoute, referredBy, referTo, rejectContact, replaces, replyTo, requestDisposition
    case require, retryAfter, route, rseq, server, sessionExpires, sipETag, sipIfMatch
    case subject, subscriptionState, supported, timestamp, to, unsupported, userAgent, via
    case warning, wwwAuthenticate
    /// Any header this table does not know; its name is kept as written.
    case `extension`

    /// The canonical spelling used when Dialtone writes the header.
    public var canonicalName: String {
        switch self {
        case .accept: "Accept"
        case .acceptContact: "Accept-Contact"
        case .acceptEncoding: "Accept-Encoding"
        case .acceptLanguage: "Accept-Language"
        case .alertInfo: "Alert-Info"
        case .allow: "Allow"
        case .allowEvents: "Allow-Events"
        case .authenticationInfo: "Authentication-Info"
        case .authorization: "Authorization"
        case .callID: "Call-ID"
        case .callInfo: "Call-Info"
        case .contact: "Contact"
        case .contentDisposition: "Content-Disposition"
        case .contentEncoding: "Content-Encoding"
        case .contentLanguage: "Content-Language"
        case .contentLength: "Content-Length"
        case .contentType: "Content-Type"
        case .cseq: "CSeq"
        case .date: "Date"
        case .errorInfo: "Error-Info"
        case .event: "Event"
        case .expires: "Expires"
        case .from: "From"
        case .identity: "Identity"
        case .identityInfo: "Identity-Info"
        case .inReplyTo: "In-Reply-To"
        case .maxForwards: "Max-Forwards"
        case .mimeVersion: "MIME-Version"
        case .minExpires: "Min-Expires"
        case .minSE: "Min-SE"
        case .organization: "Organization"
        case .pAssertedIdentity: "P-Asserted-Identity"
        case .pPreferredIdentity: "P-Preferred-Identity"
        case .priority: "Priority"
        case .privacy: "Privacy"
        case .proxyAuthenticate: "Proxy-Authenticate"
        case .proxyAuthorization: "Proxy-Authorization"
        case .proxyRequire: "Proxy-Require"
        case .rack: "RAck"
        case .reason: "Reason"
        case .recordRoute: "Record-Route"
        case .referredBy: "Referred-By"
        case .referTo: "Refer-To"
        case .rejectContact: "Reject-Contact"
        case .replaces: "Replaces"
        case .replyTo: "Reply-To"
        case .requestDisposition: "Request-Disposition"
        case .require: "Require"
        case .retryAfter: "Retry-After"
        case .route: "Route"
        case .rseq: "RSeq"
        case .server: "Server"
        case .sessionExpires: "Session-Expires"
        case .sipETag: "SIP-ETag"
        case .sipIfMatch: "SIP-If-Match"
        case .subject: "Subject"
        case .subscriptionState: "Subscription-State"
        case .supported: "Supported"
        case .timestamp: "Timestamp"
        case .to: "To"
        case .unsupported: "Unsupported"
        case .userAgent: "User-Agent"
        case .via: "Via"
        case .warning: "Warning"
        case .wwwAuthenticate: "WWW-Authenticate"
        case .extension: ""
        }
    }

    /// The one-letter compact form, where there is one.
    public var compactForm: Character? {
        switch self {
        case .acceptContact: "a"
        case .referredBy: "b"
        case .contentType: "c"
        case .requestDisposition: "d"
        case .contentEncoding: "e"
        case .from: "f"
        case .callID: "i"
        case .rejectContact: "j"
        case .supported: "k"
        case .contentLength: "l"
        case .contact: "m"
        case .identityInfo: "n"
        case .event: "o"
        case .referTo: "r"
        case .subject: "s"
        case .to: "t"
        case .allowEvents: "u"
        case .via: "v"
        case .sessionExpires: "x"
        case .identity: "y"
        default: nil
        }
    }

    /// Headers that may appear at most once in a message (RFC 3261 §7.3 and §20): a
    /// second value is a request a UAS answers with 400.
    public var isSingleValued: Bool {
        switch self {
        case .callID, .contentLength, .contentType, .cseq, .from, .to, .maxForwards, .expires,
             .minExpires, .date, .mimeVersion, .retryAfter, .contentDisposition, .timestamp,
             .organization, .priority, .rseq, .rack, .sessionExpires, .minSE, .event,
             .subscriptionState, .referTo, .referredBy, .replaces, .sipETag, .sipIfMatch,
             .identity, .identityInfo, .server, .userAgent, .subject, .replyTo:
            true
        default:
            false
        }
    }

    /// Headers whose grammar is a comma-separated list, so one line may hold several values.
    public var isList: Bool {
        switch self {
        case .accept, .acceptEncoding, .acceptLanguage, .alertInfo, .allow, .allowEvents,
             .callInfo, .contact, .contentEncoding, .contentLanguage, .errorInfo, .inReplyTo,
             .pAssertedIdentity, .pPreferredIdentity, .privacy, .proxyRequire, .reason,
             .recordRoute, .require, .route, .supported, .unsupported, .via, .warning,
             .acceptContact, .rejectContact, .requestDisposition:
            true
        default:
            false
        }
    }

    /// Recognises a header name from its octets (any case, long or compact form).
    public init(_ text: String) {
        let bytes = Array(text.utf8)
        self = bytes.withUnsafeBufferPointer { SIPHeaderName.recognise($0, 0..<$0.count) }
    }

    /// The hot path: most messages use a dozen names, each recognised by its length and
    /// a few octets before the full comparison.
    static func recognise(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> SIPHeaderName {
        let count = range.count
        // An empty name is no header we know (and has no first octet to look at).
        if count == 0 { return .extension }
        if count == 1 {
            switch bytes[range.lowerBound].asciiLowercased {
            case 0x61: return .acceptContact      // a
            case 0x62: return .referredBy         // b
            case 0x63: return .contentType        // c
            case 0x64: return .requestDisposition // d
            case 0x65: return .contentEncoding    // e
            case 0x66: return .from               // f
            case 0x69: return .callID             // i
            case 0x6A: return .rejectContact      // j
            case 0x6B: return .supported          // k
            case 0x6C: return .contentLength      // l
            case 0x6D: return .contact            // m
            case 0x6E: return .identityInfo       // n
            case 0x6F: return .event              // o
            case 0x72: return .referTo            // r
            case 0x73: return .subject            // s
            case 0x74: return .to                 // t
            case 0x75: return .allowEvents        // u
            case 0x76: return .via                // v
            case 0x78: return .sessionExpires     // x
            case 0x79: return .identity           // y
            default: return .extension
            }
        }
        // Generated from canonicalName: by length, then first octet, then the whole name.
        let first = bytes[range.lowerBound].asciiLowercased
        switch count {
        case 2:
            switch first {
            case 0x74:
                if matches(bytes, range, "to") { return .to }
            default: break
            }
        case 3:
            switch first {
            case 0x76:
                if matches(bytes, range, "via") { return .via }
            default: break
            }
        case 4:
            switch first {
            case 0x63:
                if matches(bytes, range, "cseq") { return .cseq }
            case 0x64:
                if matches(bytes, range, "date") { return .date }
            case 0x66:
                if matches(bytes, range, "from") { return .from }
            case 0x72:
                if matches(bytes, range, "rack") { return .rack }
                if matches(bytes, range, "rseq") { return .rseq }
            default: break
            }
        case 5:
            switch first {
            case 0x61:
                if matches(bytes, range, "allow") { return .allow }
            case 0x65:
                if matches(bytes, range, "event") { return .event }
            case 0x72:
                if matches(bytes, range, "route") { return .route }
            default: break
            }
        case 6:
            switch first {
            case 0x61:
                if matches(bytes, range, "accept") { return .accept }
            case 0x6D:
                if matches(bytes, range, "min-se") { return .minSE }
            case 0x72:
                if matches(bytes, range, "reason") { return .reason }
            case 0x73:
                if matches(bytes, range, "server") { return .server }
            default: break
            }
        case 7:
            switch first {
            case 0x63:
                if matches(bytes, range, "call-id") { return .callID }
                if matches(bytes, range, "contact") { return .contact }
            case 0x65:
                if matches(bytes, range, "expires") { return .expires }
            case 0x70:
                if matches(bytes, range, "privacy") { return .privacy }
            case 0x72:
                if matches(bytes, range, "require") { return .require }
            case 0x73:
                if matches(bytes, range, "subject") { return .subject }
            case 0x77:
                if matches(bytes, range, "warning") { return .warning }
            default: break
            }
        case 8:
            switch first {
            case 0x69:
                if matches(bytes, range, "identity") { return .identity }
            case 0x70:
                if matches(bytes, range, "priority") { return .priority }
            case 0x72:
                if matches(bytes, range, "refer-to") { return .referTo }
                if matches(bytes, range, "replaces") { return .replaces }
                if matches(bytes, range, "reply-to") { return .replyTo }
            case 0x73:
                if matches(bytes, range, "sip-etag") { return .sipETag }
            default: break
            }
        case 9:
            switch first {
            case 0x63:
                if matches(bytes, range, "call-info") { return .callInfo }
            case 0x73:
                if matches(bytes, range, "supported") { return .supported }
            case 0x74:
                if matches(bytes, range, "timestamp") { return .timestamp }
            default: break
            }
        case 10:
            switch first {
            case 0x61:
                if matches(bytes, range, "alert-info") { return .alertInfo }
            case 0x65:
                if matches(bytes, range, "error-info") { return .errorInfo }
            case 0x75:
                if matches(bytes, range, "user-agent") { return .userAgent }
            default: break
            }
        case 11:
            switch first {
            case 0x69:
                if matches(bytes, range, "in-reply-to") { return .inReplyTo }
            case 0x6D:
                if matches(bytes, range, "min-expires") { return .minExpires }
            case 0x72:
                if matches(bytes, range, "referred-by") { return .referredBy }
                if matches(bytes, range, "retry-after") { return .retryAfter }
            case 0x75:
                if matches(bytes, range, "unsupported") { return .unsupported }
            default: break
            }
        case 12:
            switch first {
            case 0x61:
                if matches(bytes, range, "allow-events") { return .allowEvents }
            case 0x63:
                if matches(bytes, range, "content-type") { return .contentType }
            case 0x6D:
                if matches(bytes, range, "max-forwards") { return .maxForwards }
                if matches(bytes, range, "mime-version") { return .mimeVersion }
            case 0x6F:
                if matches(bytes, range, "organization") { return .organization }
            case 0x72:
                if matches(bytes, range, "record-route") { return .recordRoute }
            case 0x73:
                if matches(bytes, range, "sip-if-match") { return .sipIfMatch }
            default: break
            }
        case 13:
            switch first {
            case 0x61:
                if matches(bytes, range, "authorization") { return .authorization }
            case 0x69:
                if matches(bytes, range, "identity-info") { return .identityInfo }
            case 0x70:
                if matches(bytes, range, "proxy-require") { return .proxyRequire }
            default: break
            }
        case 14:
            switch first {
            case 0x61:
                if matches(bytes, range, "accept-contact") { return .acceptContact }
            case 0x63:
                if matches(bytes, range, "content-length") { return .contentLength }
            case 0x72:
                if matches(bytes, range, "reject-contact") { return .rejectContact }
            default: break
            }
        case 15:
            switch first {
            case 0x61:
                if matches(bytes, range, "accept-encoding") { return .acceptEncoding }
                if matches(bytes, range, "accept-language") { return .acceptLanguage }
            case 0x73:
                if matches(bytes, range, "session-expires") { return .sessionExpires }
            default: break
            }
        case 16:
            switch first {
            case 0x63:
                if matches(bytes, range, "content-encoding") { return .contentEncoding }
                if matches(bytes, range, "content-language") { return .contentLanguage }
            case 0x77:
                if matches(bytes, range, "www-authenticate") { return .wwwAuthenticate }
            default: break
            }
        case 18:
            switch first {
            case 0x70:
                if matches(bytes, range, "proxy-authenticate") { return .proxyAuthenticate }
            case 0x73:
                if matches(bytes, range, "subscription-state") { return .subscriptionState }
            default: break
            }
        case 19:
            switch first {
            case 0x61:
                if matches(bytes, range, "authentication-info") { return .authenticationInfo }
            case 0x63:
                if matches(bytes, range, "content-disposition") { return .contentDisposition }
            case 0x70:
                if matches(bytes, range, "p-asserted-identity") { return .pAssertedIdentity }
                if matches(bytes, range, "proxy-authorization") { return .proxyAuthorization }
            case 0x72:
                if matches(bytes, range, "request-disposition") { return .requestDisposition }
            default: break
            }
        case 20:
            switch first {
            case 0x70:
                if matches(bytes, range, "p-preferred-identity") { return .pPreferredIdentity }
            default: break
            }
        default: break
        }
        return .extension
    }

    @inline(__always)
    static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ lowercased: StaticString) -> Bool {
        lowercased.withUTF8Buffer { name in
            var i = 0
            while i < name.count {
                if bytes[range.lowerBound + i].asciiLowercased != name[i] { return false }
                i += 1
            }
            return true
        }
    }
}
