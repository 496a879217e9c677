extension SessionDescription {
    /// Reads a description from a SIP body. Lines may end in CRLF or a bare LF; trailing empty
    /// lines are ignored. Lines Dialtone does not interpret are kept; the attributes it reads
    /// (`rtpmap`, `fmtp`, `ptime`, `rtcp`, `crypto`) are checked here, so a bad one names its line.
    public init(parsing text: String) throws(SDPParseError) {
        let size = text.utf8.count
        guard size <= Self.maximumBytes else { throw SDPParseError(line: 0, kind: .tooLarge(bytes: size)) }
        self = try SDPDescriptionParser.parse(text)
    }

    /// Reads a description from body bytes, refusing an oversized or non-UTF-8 body.
    public init(parsing bytes: [UInt8]) throws(SDPParseError) {
        guard bytes.count <= Self.maximumBytes else { throw SDPParseError(line: 0, kind: .tooLarge(bytes: bytes.count)) }
        // Decoding repairs bad sequences with U+FFFD, so a body that changes was not valid UTF-8.
        // (String(validating:) would say so directly but needs macOS 15.)
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.utf8.elementsEqual(bytes) else { throw SDPParseError(line: 0, kind: .invalidUTF8) }
        self = try SDPDescriptionParser.parse(text)
    }
}
