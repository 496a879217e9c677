import NIOCore
import NIOPosix

/// The demo's voice: every RTP (and RTCP) packet that reaches the demo's media port goes
/// back to where it came from half a second later, so a call to the demo lets you hear
/// yourself — the quickest check that microphone, codec, network and speaker all work.
final class DemoEchoHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    static let delay: TimeAmount = .milliseconds(500)

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        let channel = context.channel
        context.eventLoop.scheduleTask(in: Self.delay) {
            channel.writeAndFlush(AddressedEnvelope(remoteAddress: envelope.remoteAddress, data: envelope.data), promise: nil)
        }
    }

    /// A peer that stopped listening (ICMP port unreachable) ends nothing.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {}

    /// Binds the echo on `host`, an even free port, with RTCP's echo on the next one.
    static func bind(host: String, on eventLoop: any EventLoop) async throws -> [any Channel] {
        for _ in 0..<32 {
            let rtp = try await DatagramBootstrap(group: eventLoop)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(DemoEchoHandler()) }
                }
                .bind(host: host, port: 0).get()
            guard let port = rtp.localAddress?.port, port % 2 == 0, port < 65_535 else {
                try? await rtp.close()
                continue
            }
            if let rtcp = try? await DatagramBootstrap(group: eventLoop)
                .channelInitializer({ channel in
                    channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(DemoEchoHandler()) }
                })
                .bind(host: host, port: port + 1).get() {
                return [rtp, rtcp]
            }
            try? await rtp.close()
        }
        return []
    }
}
