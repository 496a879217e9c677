import CSRTP

/// Why an SRTP context could not be made.
public enum SRTPError: Error, Equatable, Sendable {
    /// SDES master keys for the AES-CM-128 suites are 30 bytes: 16 key + 14 salt (RFC 4568 §6.2.1).
    case wrongKeyLength(expected: Int, actual: Int)
    /// `srtp_init()` failed; `code` is libsrtp's srtp_err_status_t.
    case libraryInitFailed(code: Int)
    /// `srtp_create()` failed; `code` is libsrtp's srtp_err_status_t.
    case createFailed(code: Int)
}

/// One direction of SRTP/SRTCP (RFC 3711) with an SDES key (RFC 4568), through libsrtp2:
/// protects what we send, or authenticates, decrypts and replay-checks what we receive.
///
/// Use one outbound context for our key and one inbound context for the peer's key. It covers
/// every SSRC in its direction. Packets are transformed in place and should start 4-byte aligned.
///
/// Not for the audio thread: Debian's libsrtp2 uses NSS, which allocates on every packet; run it
/// where the socket is. The first packet of a new SSRC also allocates that stream's state.
public final class SRTPContext {
    /// The crypto suites of RFC 4568 §6.2 that every SDES peer supports.
    public enum Suite: Sendable {
        /// AES_CM_128_HMAC_SHA1_80: 10-byte SRTP tag.
        case aesCM128HMACSHA1_80
        /// AES_CM_128_HMAC_SHA1_32: 4-byte SRTP tag (SRTCP still uses 10, RFC 4568 §6.2.2).
        case aesCM128HMACSHA1_32

        /// The SDP crypto-suite name.
        public var sdpName: String {
            switch self {
            case .aesCM128HMACSHA1_80: "AES_CM_128_HMAC_SHA1_80"
            case .aesCM128HMACSHA1_32: "AES_CM_128_HMAC_SHA1_32"
            }
        }

        /// Bytes `protect` appends to an RTP packet.
        public var rtpTagLength: Int { self == .aesCM128HMACSHA1_80 ? 10 : 4 }
    }

    /// Whether the context protects our packets or unprotects the peer's.
    public enum Direction: Sendable {
        case outbound
        case inbound
    }

    /// SDES master key length for both suites: 16-byte AES key followed by a 14-byte salt.
    public static let masterKeyLength = 30
    /// Bytes `protectRTCP` appends: the 4-byte E flag + SRTCP index, then a 10-byte tag.
    public static let rtcpTrailerLength = 14

    public let suite: Suite
    public let direction: Direction
    /// Spare bytes the buffer must have after an RTP packet for `protect`: 10 or 4 by suite.
    public var rtpTrailerLength: Int { suite.rtpTagLength }

    private let session: OpaquePointer

    /// libsrtp must be initialised once per process before any session exists; a static let runs
    /// its initialiser exactly once, thread-safely (swift_once), on first use.
    private static let libraryStatus: Int = Int(srtp_init().rawValue)

    public init(suite: Suite, masterKey: [UInt8], direction: Direction) throws(SRTPError) {
        guard masterKey.count == Self.masterKeyLength else {
            throw .wrongKeyLength(expected: Self.masterKeyLength, actual: masterKey.count)
        }
        let initStatus = Self.libraryStatus
        guard initStatus == Int(srtp_err_status_ok.rawValue) else { throw .libraryInitFailed(code: initStatus) }

        var policy = srtp_policy_t()
        switch suite {
        case .aesCM128HMACSHA1_80: srtp_crypto_policy_set_rtp_default(&policy.rtp)
        case .aesCM128HMACSHA1_32: srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32(&policy.rtp)
        }
        srtp_crypto_policy_set_rtcp_default(&policy.rtcp)
        policy.ssrc.type = direction == .outbound ? ssrc_any_outbound : ssrc_any_inbound
        policy.ssrc.value = 0
        policy.window_size = 128
        policy.allow_repeat_tx = 0
        policy.next = nil

        var key = masterKey  // libsrtp copies the key during srtp_create.
        var created: OpaquePointer?
        let status = key.withUnsafeMutableBufferPointer { keyBuffer -> srtp_err_status_t in
            policy.key = keyBuffer.baseAddress
            return srtp_create(&created, &policy)
        }
        for index in key.indices { key[index] = 0 }
        guard status == srtp_err_status_ok, let created else { throw .createFailed(code: Int(status.rawValue)) }
        self.suite = suite
        self.direction = direction
        self.session = created
    }

    deinit { _ = srtp_dealloc(session) }

    /// Encrypts and authenticates an RTP packet in place (outbound context).
    /// - Parameters:
    ///   - packet: the buffer holding the packet at its start; it must have `rtpTrailerLength`
    ///     (10 or 4) spare bytes after `length` for the authentication tag.
    ///   - length: the RTP packet's length.
    /// - Returns: the SRTP packet's length, or nil (no room, not RTP, wrong direction, or a
    ///   sequence number already protected).
    public func protect(_ packet: UnsafeMutableRawBufferPointer, length: Int) -> Int? {
        guard direction == .outbound, length >= 12, length <= packet.count - rtpTrailerLength else { return nil }
        return transform(packet, length: length, srtp_protect)
    }

    /// Authenticates, replay-checks and decrypts an SRTP packet in place (inbound context).
    /// - Returns: the RTP packet's length, or nil when it fails authentication, is a replay, or is malformed.
    public func unprotect(_ packet: UnsafeMutableRawBufferPointer, length: Int) -> Int? {
        guard direction == .inbound, length >= 12 + rtpTrailerLength, length <= packet.count else { return nil }
        return transform(packet, length: length, srtp_unprotect)
    }

    /// Encrypts and authenticates a compound RTCP packet in place (outbound context); the buffer
    /// needs `SRTPContext.rtcpTrailerLength` (14) spare bytes after `length`.
    /// - Returns: the SRTCP packet's length, or nil.
    public func protectRTCP(_ packet: UnsafeMutableRawBufferPointer, length: Int) -> Int? {
        guard direction == .outbound, length >= 8, length <= packet.count - Self.rtcpTrailerLength else { return nil }
        return transform(packet, length: length, srtp_protect_rtcp)
    }

    /// Authenticates, replay-checks and decrypts an SRTCP packet in place (inbound context).
    /// - Returns: the RTCP packet's length, or nil when it fails authentication, is a replay, or is malformed.
    public func unprotectRTCP(_ packet: UnsafeMutableRawBufferPointer, length: Int) -> Int? {
        guard direction == .inbound, length >= 8 + Self.rtcpTrailerLength, length <= packet.count else { return nil }
        return transform(packet, length: length, srtp_unprotect_rtcp)
    }

    private func transform(
        _ packet: UnsafeMutableRawBufferPointer, length: Int,
        _ operation: (srtp_t?, UnsafeMutableRawPointer?, UnsafeMutablePointer<Int32>?) -> srtp_err_status_t
    ) -> Int? {
        guard let base = packet.baseAddress, length <= Int(Int32.max) else { return nil }
        var newLength = Int32(length)
        guard operation(session, base, &newLength) == srtp_err_status_ok,
              newLength >= 0, Int(newLength) <= packet.count else { return nil }
        return Int(newLength)
    }
}
