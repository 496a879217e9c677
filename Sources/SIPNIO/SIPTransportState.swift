import NIOCore

/// The mutable state of a `SIPTransportLayer`. It lives in a `NIOLoopBoundBox`: only
/// code on the layer's event loop touches it, so it needs no lock.
final class SIPTransportState {
    struct UDPSocket {
        let channel: any Channel
        let local: SIPAddress
        let advertisedHost: String?
    }

    struct StreamListener {
        let transport: SIPTransport
        let channel: any Channel
        let local: SIPAddress
        let advertisedHost: String?
    }

    /// Connections are reused per (transport, remote address, TLS name): a TLS
    /// connection checked against one name is not used for another.
    struct ConnectionKey: Hashable {
        let transport: SIPTransport
        let address: SIPAddress
        let tlsServerName: String?
    }

    struct Connection {
        let info: SIPConnectionInfo
        let channel: any Channel
        let key: ConnectionKey
    }

    var udpSockets: [UDPSocket] = []
    /// Ephemeral UDP sockets being bound (for sending when nothing listens), by family.
    var pendingUDP: [Bool: EventLoopFuture<Int>] = [:]
    var streamListeners: [StreamListener] = []
    var connections: [SIPConnectionID: Connection] = [:]
    var connectionByKey: [ConnectionKey: SIPConnectionID] = [:]
    /// Connects under way, so that two sends to one place share one connection.
    var pendingConnects: [ConnectionKey: EventLoopFuture<SIPConnectionID>] = [:]
    /// Outbound connections opened but not yet usable (TLS handshake), by ID: closed on shutdown.
    var connecting: [SIPConnectionID: any Channel] = [:]
    var nextConnectionID: UInt64 = 1
    var inboundConnections = 0
    /// Every Via sent-by this layer wrote (`host:port`, lower case): §18.1.2 drops
    /// responses whose top Via is not among them.
    var sentBys: Set<String> = []
    var random: any RandomNumberGenerator
    var isShutDown = false

    init(random: any RandomNumberGenerator) {
        self.random = random
    }

    func allocateConnectionID() -> SIPConnectionID {
        defer { nextConnectionID += 1 }
        return SIPConnectionID(rawValue: nextConnectionID)
    }
}
