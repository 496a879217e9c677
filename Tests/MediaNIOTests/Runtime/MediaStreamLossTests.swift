import Media
@testable import MediaNIO
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SIPTestSupport
import Testing

/// Two media streams over loopback, the way two phones talk, with a relay between them
/// that drops packets: at 30% random loss what is played is still the tone that was sent
/// (the jitter buffer reports the gaps, the codec conceals them), and the figures count
/// the loss. Real sockets, real audio threads, WAV files in and out.
@Suite("Media streams under loss", .serialized, .timeLimit(.minutes(1)))
struct MediaStreamLossTests {
    /// A lossy network between two ends: what comes from `receiver` goes to `sender`
    /// untouched (symmetric RTP answers through the relay it latched to), what comes from
    /// anywhere else goes to `receiver`, less a seeded share that is dropped.
    final class LossyRelay: ChannelInboundHandler, Sendable {
        typealias InboundIn = AddressedEnvelope<ByteBuffer>
        let target: SocketAddress
        let sender: SocketAddress
        let lossPercent: UInt64
        let state = NIOLockedValueBox<(seed: UInt64, forwarded: Int, dropped: Int)>((0x9E37_79B9_7F4A_7C15, 0, 0))

        init(target: SocketAddress, sender: SocketAddress, lossPercent: UInt64) {
            self.target = target
            self.sender = sender
            self.lossPercent = lossPercent
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let envelope = unwrapInboundIn(data)
            if envelope.remoteAddress == target {
                context.channel.writeAndFlush(AddressedEnvelope(remoteAddress: sender, data: envelope.data), promise: nil)
                return
            }
            let drop = state.withLockedValue { state -> Bool in
                state.seed = state.seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let drop = (state.seed >> 33) % 100 < lossPercent
                if drop { state.dropped += 1 } else { state.forwarded += 1 }
                return drop
            }
            guard !drop else { return }
            context.channel.writeAndFlush(AddressedEnvelope(remoteAddress: target, data: envelope.data), promise: nil)
        }
    }

    static func media(to port: Int, codec: SDPCodec) -> NegotiatedAudio {
        NegotiatedAudio(remoteAddress: "127.0.0.1", remoteRTPPort: port, remoteRTCPPort: port + 1, sendCodec: codec,
                        sendPayloadType: codec == .opus ? 111 : codec == .pcma ? 8 : 0,
                        receivePayloadTypes: [codec == .opus ? 111 : codec == .pcma ? 8 : 0: codec],
                        sendTelephoneEvent: 101, receiveTelephoneEvent: 101, telephoneEventClockRate: 8000, direction: .sendrecv,
                        ptime: 20, opus: OpusParameters(), srtp: nil)
    }

    @Test(arguments: [SDPCodec.pcmu, .opus])
    func thirtyPercentLossStillPlaysTheTone(codec: SDPCodec) async throws {
        let scratch = try TemporaryDirectory(prefix: "dialtone-loss")
        defer { scratch.remove() }
        try WAVRecording.writeTone(path: scratch.path("tone.wav"), frequency: 800, seconds: 1, sampleRate: 8000)
        let sender = try await MediaStream.open(bindHost: "127.0.0.1", advertisedHost: "127.0.0.1", ports: 34_000...34_999)
        let receiver = try await MediaStream.open(bindHost: "127.0.0.1", advertisedHost: "127.0.0.1", ports: 35_000...35_999)
        let relay = LossyRelay(target: try SocketAddress(ipAddress: "127.0.0.1", port: receiver.localPort),
                               sender: try SocketAddress(ipAddress: "127.0.0.1", port: sender.localPort), lossPercent: 30)
        let relayChannel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(relay) } }
            .bind(host: "127.0.0.1", port: 0).get()
        let relayPort = try #require(relayChannel.localAddress?.port)
        // Both send to the relay, as through a network between them: each sees only the
        // relay as its peer, so neither can latch around it.
        await sender.apply(Self.media(to: relayPort, codec: codec),
                           devices: MediaDevicePlan(input: .file(scratch.path("tone.wav")), output: .null))
        await receiver.apply(Self.media(to: relayPort, codec: codec),
                             devices: MediaDevicePlan(input: .null, output: .file(scratch.path("heard.wav"))))
        try await Task.sleep(for: .seconds(3))
        let sent = await sender.close()
        let received = await receiver.close()
        try await relayChannel.close()
        let counts = relay.state.withLockedValue { $0 }
        #expect(counts.dropped > sent.packetsSent / 5, "the relay dropped \(counts.dropped) of \(sent.packetsSent)")
        #expect(received.packetsLost > 0 && received.lossPercent > 15, "\(received.summary)")
        #expect(received.framesConcealed > 0, "\(received.summary)")
        let heard = try WAVRecording(path: scratch.path("heard.wav"))
        // Concealment keeps the tone going through most gaps: most windows still hold it.
        let share = heard.fractionOfWindows(withTone: 800)
        #expect(share > 0.6, "the tone was heard in \(Int(share * 100))% of the windows; \(received.summary)")
    }
}
