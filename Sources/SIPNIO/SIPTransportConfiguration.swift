import SIPCore

/// How a `SIPTransportLayer` behaves. The defaults suit a softphone.
public struct SIPTransportConfiguration: Sendable {
    /// Messages larger than this are refused: not sent, dropped when received as a
    /// datagram, and on a stream the connection is closed (65535 by default).
    public var maximumMessageSize: Int = 65_535
    /// How long a TCP connect (and a TLS handshake) may take.
    public var connectTimeout: Duration = .seconds(10)
    /// A TCP or TLS connection with no traffic either way for this long is closed (this
    /// also ends half-open connections whose peer vanished); nil keeps them open.
    public var idleTimeout: Duration? = .seconds(300)
    /// Connections accepted beyond this many are closed at once.
    public var maximumInboundConnections: Int = 256
    /// The path MTU for §18.1.1's size rule; nil when unknown (then 1300 octets is the
    /// most a UDP request may be before it goes over TCP).
    public var pathMTU: Int?
    /// TLS: certificate checks, a private CA, and the certificate to serve with.
    public var tls = SIPTLSConfiguration()
    /// Every message sent and received, and every one dropped, is recorded here.
    public var logSink: (any SIPLogSink)?
    /// Fills the transaction key of the log entries of received messages (the sender
    /// gives it for messages sent).
    public var transactionKey: (@Sendable (SIPMessage) -> String?)?
    /// §18.1.2: a response whose top Via sent-by is not one this layer wrote is dropped.
    public var dropResponsesWithForeignVia = true
    /// Makes the random source for Via branches and SRV weights; tests pass a seeded one.
    public var makeRandomGenerator: @Sendable () -> any RandomNumberGenerator = { SystemRandomNumberGenerator() }

    public init() {}
}

/// TLS settings. Certificates and host names are checked by default; a private CA can be
/// trusted with `caFile` (the command line's `--ca-file`).
public struct SIPTLSConfiguration: Sendable {
    /// A PEM file of CA certificates to trust, in addition to the system's (unless
    /// `trustSystemRoots` is false).
    public var caFile: String?
    /// Whether the system's CA certificates are trusted.
    public var trustSystemRoots = true
    /// Whether the server's certificate chain is checked. Turning this off makes TLS
    /// encryption without authentication: for lab use only.
    public var verifyCertificates = true
    /// Whether the certificate must name the host the URI names (RFC 5922).
    public var verifyHostname = true
    /// To listen on TLS: the server's certificate chain and private key, PEM files.
    public var certificateChainFile: String?
    public var privateKeyFile: String?

    public init(caFile: String? = nil, certificateChainFile: String? = nil, privateKeyFile: String? = nil) {
        self.caFile = caFile
        self.certificateChainFile = certificateChainFile
        self.privateKeyFile = privateKeyFile
    }
}
