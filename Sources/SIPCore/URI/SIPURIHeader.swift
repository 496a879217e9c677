/// One `name=value` of a SIP URI's `?headers` component (RFC 3261 §19.1.1), with its
/// escapes resolved: `?Route=%3Csip:sip.example.com%3E` has the value
/// `<sip:sip.example.com>`. A URI's headers become header fields of a request made from it.
public struct SIPURIHeader: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
