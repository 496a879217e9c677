import NIOCore
import SIPCore

/// Reads SIP datagrams off a UDP socket: each datagram is one message (§18.3). A
/// datagram that is too large or does not parse is logged with the reason and dropped;
/// one of only CRs and LFs is a keep-alive. Nothing here closes the socket: a hostile
/// peer's garbage costs it one parse.
final class SIPDatagramHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let layer: SIPTransportLayer
    private var local: SIPAddress?

    init(layer: SIPTransportLayer) {
        self.layer = layer
    }

    func channelActive(context: ChannelHandlerContext) {
        local = context.channel.localAddress.flatMap(SIPAddress.init(socketAddress:))
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        guard let remote = SIPAddress(socketAddress: envelope.remoteAddress) else { return }
        if local == nil { local = context.channel.localAddress.flatMap(SIPAddress.init(socketAddress:)) }
        let source = SIPMessageSource(transport: .udp, local: local ?? SIPAddress(host: "0.0.0.0", port: 0), remote: remote)
        let bytes = Array(envelope.data.readableBytesView)
        layer.receivedDatagram(bytes, source: source)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // ICMP port unreachable for an earlier datagram surfaces here as ECONNREFUSED;
        // NIO keeps the socket open for it, and so do we.
        layer.datagramSocketError(error, local: local)
    }
}
