import NIOCore
import SIPCore

/// What the framing handler passes up a stream pipeline.
enum SIPStreamFrame: Sendable {
    /// A whole message and its octets as they arrived.
    case message(SIPMessage, bytes: [UInt8])
    /// A double-CRLF keep-alive; the handler has already answered it with a pong.
    case ping
    /// A single CRLF: the peer's answer to our ping (RFC 5626 §4.4.1).
    case pong
}

/// Frames a TCP or TLS byte stream into SIP messages with SIPCore's `SIPStreamParser`
/// (ByteToMessage-style: bytes in, whole frames out, any number per read).
///
/// - A double-CRLF ping is answered at once with a single-CRLF pong (RFC 5626 §4.4.1)
///   and passed up as `.ping`; a lone CRLF is passed up as `.pong`.
/// - A message larger than `maximumMessageSize` (or any framing error: on a stream
///   there is no telling where the next message would start) fires a
///   `SIPTransportError` of kind `.framingError` or `.messageTooLarge` and closes this
///   connection only.
final class SIPStreamFramingHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = SIPStreamFrame
    typealias OutboundOut = ByteBuffer

    private var parser: SIPStreamParser
    private var failed = false
    private let remote: SIPAddress?

    init(maximumMessageSize: Int, remote: SIPAddress? = nil) {
        self.parser = SIPStreamParser(maximumMessageSize: maximumMessageSize)
        self.remote = remote
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !failed else { return }   // closing: ignore what is still in flight
        let buffer = unwrapInboundIn(data)
        parser.feed(buffer.readableBytesView)
        var answeredPing = false
        while true {
            let event: SIPStreamParser.Event?
            do {
                event = try parser.next()
            } catch {
                failed = true
                var transportError = SIPTransportError.framingError(error.description, remote: remote)
                // SIPStreamParser's two size errors (no end of headers within the limit; a
                // Content-Length past it) name the limit: tell them apart by their words.
                if error.reason.contains("larger than the limit") || error.reason.contains("message too large") {
                    transportError.kind = .messageTooLarge
                }
                context.fireErrorCaught(transportError)
                context.close(promise: nil)
                return
            }
            guard let event else { break }
            switch event {
            case let .message(message):
                context.fireChannelRead(wrapInboundOut(.message(message, bytes: message.serialized())))
            case .ping:
                var pong = context.channel.allocator.buffer(capacity: 2)
                pong.writeStaticString("\r\n")
                context.write(wrapOutboundOut(pong), promise: nil)
                answeredPing = true
                context.fireChannelRead(wrapInboundOut(.ping))
            case .pong:
                context.fireChannelRead(wrapInboundOut(.pong))
            }
        }
        if answeredPing { context.flush() }
    }
}
