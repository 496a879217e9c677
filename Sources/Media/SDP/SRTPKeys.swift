/// The SRTP keys agreed for a call: ours protects what we send, the peer's what we receive.
/// Its description hides the keys so they never reach a log.
public struct SRTPKeys: Sendable, Equatable, CustomStringConvertible {
    public var suite: SDPCryptoSuite
    /// Our master key + salt (30 bytes), sent in our `a=crypto`.
    public var localKey: [UInt8]
    /// The peer's master key + salt (30 bytes), from its `a=crypto`.
    public var remoteKey: [UInt8]

    public init(suite: SDPCryptoSuite, localKey: [UInt8], remoteKey: [UInt8]) {
        self.suite = suite
        self.localKey = localKey
        self.remoteKey = remoteKey
    }

    /// The SDP suite name, as libsrtp's suite enum is chosen by.
    public var suiteName: String { suite.rawValue }

    public var description: String { "\(suite.rawValue) (keys hidden)" }
}
