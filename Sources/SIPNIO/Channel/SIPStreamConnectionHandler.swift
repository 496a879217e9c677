import NIOCore
import NIOSSL
import NIOTLS
import SIPCore

/// The end of a TCP or TLS pipeline: registers the connection with the layer once it is
/// usable (TCP: connected; TLS: handshake done), passes frames up, and reports why it
/// closed. Errors end this connection only.
final class SIPStreamConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = SIPStreamFrame

    private let layer: SIPTransportLayer
    private let id: SIPConnectionID
    private let transport: SIPTransport
    private let isInbound: Bool
    private let serverName: String?
    /// Completed when the connection becomes usable, or failed with why it never did.
    private var ready: EventLoopPromise<Void>?
    private var info: SIPConnectionInfo?
    private var registered = false
    private var closeReason: SIPTransportError?

    init(layer: SIPTransportLayer, id: SIPConnectionID, transport: SIPTransport, isInbound: Bool,
         serverName: String?, ready: EventLoopPromise<Void>?) {
        self.layer = layer
        self.id = id
        self.transport = transport
        self.isInbound = isInbound
        self.serverName = serverName
        self.ready = ready
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { channelBecameActive(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        channelBecameActive(context: context)
        context.fireChannelActive()
    }

    private func channelBecameActive(context: ChannelHandlerContext) {
        guard info == nil,
              let local = context.channel.localAddress.flatMap(SIPAddress.init(socketAddress:)),
              let remote = context.channel.remoteAddress.flatMap(SIPAddress.init(socketAddress:)) else { return }
        info = SIPConnectionInfo(id: id, transport: transport, local: local, remote: remote, isInbound: isInbound)
        if transport == .tcp { becomeReady(context: context) }
    }

    private func becomeReady(context: ChannelHandlerContext) {
        guard let info, !registered else { return }
        registered = layer.connectionReady(info, channel: context.channel, tlsServerName: serverName)
        if registered {
            ready?.succeed()
        } else {
            ready?.fail(SIPTransportError.shutDown)
            context.close(promise: nil)
        }
        ready = nil
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted = event as? TLSUserEvent {
            becomeReady(context: context)
        } else if event is IdleStateHandler.IdleStateEvent {
            closeReason = SIPTransportError(.connectionClosed, "closed after no traffic for \(layer.configuration.idleTimeout.map { "\($0)" } ?? "a while")")
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard let info else { return }
        let source = SIPMessageSource(transport: transport, local: info.local, remote: info.remote, connection: id)
        switch unwrapInboundIn(data) {
        case let .message(message, bytes):
            layer.receivedStreamMessage(message, bytes: bytes, source: source)
        case .ping:
            layer.keepAlive(.keepAlivePing, source: source)
        case .pong:
            layer.keepAlive(.keepAlivePong, source: source)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let described: SIPTransportError
        if let transportError = error as? SIPTransportError {
            described = transportError
            if let info, transportError.kind == .framingError || transportError.kind == .messageTooLarge {
                layer.streamDropped(reason: transportError.message,
                                    source: SIPMessageSource(transport: transport, local: info.local, remote: info.remote, connection: id))
            }
        } else if transport == .tls && !registered {
            described = SIPTransportError(.tlsHandshakeFailed,
                "TLS handshake with \(info?.remote.description ?? serverName ?? "the peer") failed: \(SIPTLSErrorText.describe(error, serverName: serverName))")
        } else if transport == .tls, error is NIOSSLError || error is BoringSSLError {
            described = SIPTransportError(.connectionClosed, "TLS error: \(SIPTLSErrorText.describe(error, serverName: serverName))")
        } else {
            described = SIPTransportError(.connectionClosed, SIPTransportLayer.describeIOError(error))
        }
        if closeReason == nil { closeReason = described }
        ready?.fail(described)
        ready = nil
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        ready?.fail(closeReason ?? SIPTransportError.connectionClosed(info?.remote.description ?? serverName ?? "the peer"))
        ready = nil
        if registered, let info {
            layer.connectionClosed(info, error: closeReason)
        }
        context.fireChannelInactive()
    }
}
