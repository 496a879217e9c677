import NIOCore

/// Hands each datagram on an RTP or RTCP socket to the stream's core, on the loop.
final class MediaDatagramHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    let core: NIOLoopBoundBox<MediaStreamCore>
    let isRTCP: Bool

    init(core: NIOLoopBoundBox<MediaStreamCore>, isRTCP: Bool) {
        self.core = core
        self.isRTCP = isRTCP
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        let now = MonotonicClock.now()
        envelope.data.withUnsafeReadableBytes { bytes in
            if isRTCP {
                core.value.receivedRTCP(bytes, from: envelope.remoteAddress, now: now)
            } else {
                core.value.receivedRTP(bytes, from: envelope.remoteAddress, now: now)
            }
        }
    }

    /// An ICMP port unreachable (the peer is not listening yet) is not a reason to stop.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {}
}
