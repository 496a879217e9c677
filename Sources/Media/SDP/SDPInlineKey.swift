/// A decoded `inline:` key parameter.
public struct SDPInlineKey: Sendable, Equatable {
    /// Master key followed by master salt (30 bytes for the AES_CM_128 suites).
    public var key: [UInt8]
    /// The optional lifetime ("2^20"), as written.
    public var lifetime: String?
    /// The optional "MKI:length", as written; Dialtone does not support MKIs.
    public var mki: String?

    public init(key: [UInt8], lifetime: String? = nil, mki: String? = nil) {
        self.key = key
        self.lifetime = lifetime
        self.mki = mki
    }
}
