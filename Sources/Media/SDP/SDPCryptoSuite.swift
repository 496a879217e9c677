/// The SDES crypto suites Dialtone can run (RFC 4568 §6.2), named as SDP writes them.
public enum SDPCryptoSuite: String, Sendable, CaseIterable {
    /// 10-byte authentication tag: the one Dialtone offers.
    case aesCM128HMACSHA1_80 = "AES_CM_128_HMAC_SHA1_80"
    /// 4-byte tag on SRTP; accepted when a peer offers it.
    case aesCM128HMACSHA1_32 = "AES_CM_128_HMAC_SHA1_32"

    /// Master key plus salt: 16 + 14 bytes for both suites.
    public static let masterKeyLength = 30
}
