import Foundation
import NIOCore
import NIOEmbedded
import SIPCore
import Testing
@testable import SIPNIO

@Suite("Stream framing on EmbeddedChannel")
struct StreamFramingHandlerTests {
    static let options = """
        OPTIONS sip:bob@example.com SIP/2.0\r
        Via: SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bK77\r
        Call-ID: framing-1\r
        CSeq: 1 OPTIONS\r
        Content-Length: 4\r
        \r
        body
        """

    func makeChannel(limit: Int = 65_535) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(SIPStreamFramingHandler(maximumMessageSize: limit))
        return channel
    }

    func buffer(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    func frames(_ channel: EmbeddedChannel) throws -> [SIPStreamFrame] {
        var result: [SIPStreamFrame] = []
        while let frame = try channel.readInbound(as: SIPStreamFrame.self) { result.append(frame) }
        return result
    }

    @Test func aMessageSplitAcrossReads() throws {
        let channel = try makeChannel()
        let bytes = Array(Self.options.utf8)
        // One octet at a time: nothing until the last one.
        for (index, octet) in bytes.enumerated() {
            try channel.writeInbound(ByteBuffer(bytes: [octet]))
            let got = try frames(channel)
            if index < bytes.count - 1 {
                #expect(got.isEmpty, "a frame before the whole message, at octet \(index)")
            } else {
                guard case let .message(message, raw)? = got.first else {
                    Issue.record("no message at the end"); return
                }
                #expect(message.callID == "framing-1")
                #expect(message.body == Array("body".utf8))
                #expect(raw == bytes)
            }
        }
        #expect(try channel.finish().isClean)
    }

    @Test func severalMessagesInOneRead() throws {
        let channel = try makeChannel()
        let second = Self.options.replacingOccurrences(of: "framing-1", with: "framing-2")
        try channel.writeInbound(buffer(Self.options + Self.options.replacingOccurrences(of: "framing-1", with: "framing-3") + second))
        let got = try frames(channel)
        let callIDs = got.compactMap { frame -> String? in
            if case let .message(message, _) = frame { return message.callID }
            return nil
        }
        #expect(callIDs == ["framing-1", "framing-3", "framing-2"])
        _ = try channel.finish()
    }

    @Test func aPingIsAnsweredWithAPongAndPongsArePassedUp() throws {
        let channel = try makeChannel()
        try channel.writeInbound(buffer("\r\n\r\n"))
        guard case .ping? = try frames(channel).first else {
            Issue.record("no ping"); return
        }
        let pong = try channel.readOutbound(as: ByteBuffer.self)
        #expect(pong.map { String(buffer: $0) } == "\r\n")
        #expect(try channel.readOutbound(as: ByteBuffer.self) == nil)

        try channel.writeInbound(buffer("\r\n"))
        guard case .pong? = try frames(channel).first else {
            Issue.record("no pong"); return
        }
        #expect(try channel.readOutbound(as: ByteBuffer.self) == nil)   // a pong is not answered
        _ = try channel.finish()
    }

    @Test func keepAlivesBetweenMessages() throws {
        let channel = try makeChannel()
        try channel.writeInbound(buffer("\r\n\r\n" + Self.options + "\r\n\r\n"))
        let got = try frames(channel)
        #expect(got.count == 3)
        if case .ping = got[0], case .message = got[1], case .ping = got[2] {} else {
            Issue.record("expected ping, message, ping; got \(got)")
        }
        _ = try channel.finish()
    }

    @Test func anOversizedMessageIsAnErrorAndClosesTheConnection() throws {
        let channel = try makeChannel(limit: 200)
        let large = Self.options.replacingOccurrences(of: "Content-Length: 4", with: "Content-Length: 5000")
        let error = #expect(throws: SIPTransportError.self) { try channel.writeInbound(buffer(large)) }
        #expect(error?.kind == .messageTooLarge)
        #expect(error?.message.contains("larger than the limit of 200") == true)
        #expect(!channel.isActive)
        // What arrives on the closing connection is ignored.
        _ = try? channel.writeInbound(buffer(Self.options))
        #expect(try frames(channel).isEmpty)
    }

    @Test func headersWithoutEndBeyondTheLimitCloseTheConnection() throws {
        let channel = try makeChannel(limit: 100)
        let error = #expect(throws: SIPTransportError.self) {
            try channel.writeInbound(buffer("OPTIONS sip:x SIP/2.0\r\n" + String(repeating: "X-Filler: 0123456789\r\n", count: 10)))
        }
        #expect(error?.kind == .messageTooLarge)
        #expect(!channel.isActive)
    }

    @Test func garbageIsAFramingErrorAndClosesTheConnection() throws {
        let channel = try makeChannel()
        let error = #expect(throws: SIPTransportError.self) {
            try channel.writeInbound(buffer("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
        }
        #expect(error?.kind == .framingError)
        #expect(error?.message.contains("closing the connection") == true)
        #expect(!channel.isActive)
    }
}
