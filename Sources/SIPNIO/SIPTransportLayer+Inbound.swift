import NIOCore
import NIOPosix
import SIPCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension SIPTransportLayer {
    /// A datagram arrived (on the loop).
    func receivedDatagram(_ bytes: [UInt8], source: SIPMessageSource) {
        if bytes.count > configuration.maximumMessageSize {
            drop(bytes, reason: SIPTransportError.messageTooLarge(size: bytes.count, limit: configuration.maximumMessageSize,
                                                                   what: "a datagram").message, source: source)
            return
        }
        if !bytes.isEmpty && bytes.allSatisfy({ $0 == 0x0D || $0 == 0x0A }) {
            // CRLFs alone: a keep-alive some UAs send over UDP. Nothing to answer.
            log(.received, .keepAlivePing, transport: .udp, local: source.local, remote: source.remote,
                connection: nil, bytes: bytes, transactionKey: nil)
            return
        }
        let message: SIPMessage
        do {
            message = try SIPMessageParser.parse(bytes)
        } catch {
            drop(bytes, reason: "malformed: \(error)", source: source)
            return
        }
        deliver(message, bytes: bytes, source: source)
    }

    /// A message framed on a connection arrived (on the loop).
    func receivedStreamMessage(_ message: SIPMessage, bytes: [UInt8], source: SIPMessageSource) {
        deliver(message, bytes: bytes, source: source)
    }

    /// Checks what the transport layer must check, stamps, logs and hands on.
    func deliver(_ message: SIPMessage, bytes: [UInt8], source: SIPMessageSource) {
        // Without a readable top Via neither a request (no response route) nor a
        // response (no transaction to match) can go anywhere.
        guard let top = message.topVia else {
            drop(bytes, reason: message.count(of: .via) == 0 ? "no Via header" : "the top Via cannot be read", source: source)
            return
        }
        var delivered = message
        if message.isRequest {
            delivered = message.stampedOnReceipt(from: source.remote)
        } else if configuration.dropResponsesWithForeignVia, !state.value.sentBys.contains(top.sentBy.lowercased()) {
            // §18.1.2: a response whose top Via is not ours was not meant for us.
            drop(bytes, reason: "a response whose top Via sent-by \(top.sentBy) is not one this transport wrote (§18.1.2)", source: source)
            return
        }
        let receivedAt = SIPWallTime.now()
        let key = configuration.transactionKey?(delivered)
        record(SIPLogEntry(time: receivedAt, direction: .received, kind: .message, transport: source.transport,
                           local: source.local, remote: source.remote, connection: source.connection,
                           bytes: bytes, transactionKey: key, message: message))
        onMessage(SIPInboundMessage(message: delivered, source: source, bytes: bytes, receivedAt: receivedAt))
    }

    func drop(_ bytes: [UInt8], reason: String, source: SIPMessageSource) {
        log(.received, .dropped(reason: reason), transport: source.transport, local: source.local, remote: source.remote,
            connection: source.connection, bytes: bytes, transactionKey: nil)
    }

    /// A stream could not be framed: its connection is closing.
    func streamDropped(reason: String, source: SIPMessageSource) {
        drop([], reason: reason, source: source)
    }

    func keepAlive(_ kind: SIPLogEntry.Kind, source: SIPMessageSource) {
        log(.received, kind, transport: source.transport, local: source.local, remote: source.remote,
            connection: source.connection, bytes: kind == .keepAlivePing ? Array("\r\n\r\n".utf8) : Array("\r\n".utf8),
            transactionKey: nil)
        if kind == .keepAlivePing {
            log(.sent, .keepAlivePong, transport: source.transport, local: source.local, remote: source.remote,
                connection: source.connection, bytes: Array("\r\n".utf8), transactionKey: nil)
        } else if let id = source.connection, let info = state.value.connections[id]?.info {
            onEvent(.keepAlivePong(info))
        }
    }

    func datagramSocketError(_ error: any Error, local: SIPAddress?) {
        log(.received, .dropped(reason: "UDP socket error: \(Self.describeIOError(error))"), transport: .udp,
            local: local, remote: nil, connection: nil, bytes: [], transactionKey: nil)
    }

    // MARK: Connections

    /// A connection is usable; false when the layer is shut down (the caller closes it).
    /// It is found again by the key it was opened with: for TLS, the name its
    /// certificate was checked against.
    func connectionReady(_ info: SIPConnectionInfo, channel: any Channel, tlsServerName: String?) -> Bool {
        let current = state.value
        guard !current.isShutDown else { return false }
        let key = SIPTransportState.ConnectionKey(transport: info.transport, address: info.remote,
                                                  tlsServerName: info.transport == .tls ? tlsServerName?.lowercased() : nil)
        current.connections[info.id] = .init(info: info, channel: channel, key: key)
        current.connectionByKey[key] = info.id
        onEvent(.connectionOpened(info))
        return true
    }

    func connectionClosed(_ info: SIPConnectionInfo, error: SIPTransportError?) {
        let current = state.value
        if let connection = current.connections.removeValue(forKey: info.id),
           current.connectionByKey[connection.key] == info.id {
            current.connectionByKey[connection.key] = nil
        }
        onEvent(.connectionClosed(info, error: error))
    }

    // MARK: Logging

    func log(_ direction: SIPLogEntry.Direction, _ kind: SIPLogEntry.Kind, transport: SIPTransport, local: SIPAddress?,
             remote: SIPAddress?, connection: SIPConnectionID?, bytes: [UInt8], transactionKey: String?,
             transactionState: String? = nil, message: SIPMessage? = nil) {
        record(SIPLogEntry(time: .now(), direction: direction, kind: kind, transport: transport, local: local,
                           remote: remote, connection: connection, bytes: bytes, transactionKey: transactionKey,
                           transactionState: transactionState, message: message))
    }

    func record(_ entry: SIPLogEntry) {
        configuration.logSink?.record(entry)
    }

    /// An I/O error in plain words.
    static func describeIOError(_ error: any Error) -> String {
        if let transportError = error as? SIPTransportError { return transportError.message }
        if let ioError = error as? IOError {
            do {
                switch ioError.errnoCode {
                case ECONNREFUSED: return "connection refused (nothing listens there)"
                case ECONNRESET: return "connection reset by the peer"
                case EADDRINUSE: return "the address is already in use"
                case EADDRNOTAVAIL: return "the address is not one of this machine's"
                case EACCES: return "permission denied (ports below 1024 need privileges)"
                case ENETUNREACH: return "the network is unreachable"
                case EHOSTUNREACH: return "the host is unreachable"
                case ETIMEDOUT: return "timed out"
                case EPIPE: return "the peer closed the connection"
                default: break
                }
            }
            return ioError.description
        }
        if let connectError = error as? NIOConnectionError {
            let reasons = connectError.connectionErrors.map { describeIOError($0.error) }
            return reasons.first ?? "\(connectError)"
        }
        if let channelError = error as? ChannelError {
            switch channelError {
            case let .connectTimeout(amount): return "no answer within \(Duration.nanoseconds(amount.nanoseconds))"
            case .ioOnClosedChannel, .alreadyClosed, .outputClosed: return "the connection is closed"
            case .eof: return "the peer closed the connection"
            default: return "\(channelError)"
            }
        }
        return "\(error)"
    }
}
