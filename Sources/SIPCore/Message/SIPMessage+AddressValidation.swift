extension SIPMessage {
    /// Address and authentication headers (filled in as their parsers land).
    func checkSyntaxOfAddressAndAuthHeaders(_ field: SIPHeaderField) throws(SIPParseError) {
    }
}
