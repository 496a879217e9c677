@testable import SIPCore

/// Parses one address from a header value, as the message parser will.
func parseAddress(_ value: String) throws(SIPSyntaxError) -> SIPNameAddress {
    var scanner = ByteScanner(value)
    return try SIPNameAddress.parse(&scanner)
}

/// Parses a whole Contact header value.
func parseContacts(_ value: String) throws(SIPSyntaxError) -> [SIPContact] {
    var scanner = ByteScanner(value)
    return try SIPContact.parseList(&scanner)
}
