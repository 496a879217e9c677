/// A URI of a scheme SIP does not interpret (`http:`, `isbn:`, `urn:`, `mailto:`,
/// `nobodyKnowsThisScheme:` …; RFC 3261 §19.1 and RFC 4475 §3.3.2, §3.3.4), kept
/// verbatim: it is carried and written back, never taken apart.
public struct AbsoluteURI: Sendable, Hashable, CustomStringConvertible {
    /// The scheme as written, without the ':'.
    public var scheme: String
    /// Everything after the ':', as written (escapes unresolved).
    public var schemeSpecificPart: String

    public init(scheme: String, schemeSpecificPart: String) {
        self.scheme = scheme
        self.schemeSpecificPart = schemeSpecificPart
    }

    public var description: String { scheme + ":" + schemeSpecificPart }

    /// Reads `scheme ":" 1*uric` filling `range` (RFC 3261 `absoluteURI`, read
    /// leniently: the hierarchy is not checked, only that every octet is a URI character).
    static func parse(_ bytes: [UInt8], schemeEnd colon: Int, in range: Range<Int>) throws(SIPSyntaxError) -> AbsoluteURI {
        let rest = colon + 1..<range.upperBound
        guard !rest.isEmpty else {
            throw SIPSyntaxError("expected the rest of the URI after the scheme's ':'", at: rest.lowerBound)
        }
        for index in rest where !ByteClass.uric.contains(bytes[index]) {
            throw SIPSyntaxError("\(ByteScanner.describe(bytes[index])) is not allowed in a URI; escape it as %XX", at: index)
        }
        return AbsoluteURI(
            scheme: String(decoding: bytes[range.lowerBound..<colon], as: UTF8.self),
            schemeSpecificPart: String(decoding: bytes[rest], as: UTF8.self))
    }
}
