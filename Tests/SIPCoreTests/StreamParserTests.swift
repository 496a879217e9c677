import Testing
@testable import SIPCore

@Suite struct StreamParserTests {
    static let options = Array("""
        OPTIONS sip:bob@example.com SIP/2.0\r
        Via: SIP/2.0/TCP 192.0.2.1;branch=z9hG4bK1\r
        To: <sip:bob@example.com>\r
        From: <sip:alice@example.com>;tag=1\r
        Call-ID: stream1\r
        CSeq: 1 OPTIONS\r
        Content-Length: 4\r
        \r
        abcd
        """.utf8)

    func drain(_ parser: inout SIPStreamParser) throws -> [SIPStreamParser.Event] {
        var events: [SIPStreamParser.Event] = []
        while let event = try parser.next() { events.append(event) }
        return events
    }

    @Test func messagesSplitAcrossFeedsComeOutWhole() throws {
        var parser = SIPStreamParser()
        var messages: [SIPMessage] = []
        let stream = Self.options + Self.options
        for octet in stream {
            parser.feed([octet])
            for event in try drain(&parser) {
                if case let .message(message) = event { messages.append(message) }
            }
        }
        #expect(messages.count == 2)
        #expect(messages.allSatisfy { $0.body == Array("abcd".utf8) && $0.callID == "stream1" })
        #expect(parser.bufferedCount == 0)
    }

    @Test func keepAlivesBetweenMessages() throws {
        var parser = SIPStreamParser()
        parser.feed(Array("\r\n\r\n".utf8) + Self.options + Array("\r\n".utf8))
        let events = try drain(&parser)
        #expect(events.count == 3)
        if case .ping = events[0] {} else { Issue.record("expected ping, got \(events[0])") }
        if case .message = events[1] {} else { Issue.record("expected a message") }
        if case .pong = events[2] {} else { Issue.record("expected pong") }
    }

    @Test func waitsForTheWholeBody() throws {
        var parser = SIPStreamParser()
        parser.feed(Self.options.dropLast(2))
        #expect(try parser.next() == nil)
        parser.feed(Self.options.suffix(2))
        let event = try #require(try parser.next())
        guard case let .message(message) = event else { Issue.record("no message"); return }
        #expect(message.bodyCount == 4)
    }

    @Test func missingContentLengthMeansNoBodyOnAStream() throws {
        var parser = SIPStreamParser()
        let text = "BYE sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK2\r\nCall-ID: x\r\nCSeq: 2 BYE\r\n\r\n"
        parser.feed(Array(text.utf8))
        guard case let .message(message)? = try parser.next() else { Issue.record("no message"); return }
        #expect(message.bodyCount == 0)
    }

    @Test func oversizedMessageIsAClearErrorAndTheStreamStaysFailed() throws {
        var parser = SIPStreamParser(maximumMessageSize: 100)
        parser.feed(Self.options)
        #expect(throws: SIPParseError.self) { _ = try parser.next() }
        do throws(SIPParseError) {
            _ = try parser.next()
            Issue.record("a failed stream recovered")
        } catch {
            #expect(error.reason.contains("limit") || error.reason.contains("too large"))
        }
    }

    @Test func garbageWithoutEndOfHeadersHitsTheLimit() throws {
        var parser = SIPStreamParser(maximumMessageSize: 1000)
        parser.feed([UInt8](repeating: 0x41, count: 2000))
        #expect(throws: SIPParseError.self) { _ = try parser.next() }
    }

    @Test func malformedStartLineIsReportedWithItsLine() throws {
        var parser = SIPStreamParser()
        parser.feed(Array("INVITE  sip:a@b SIP/2.0\r\nContent-Length: 0\r\n\r\n".utf8))
        do throws(SIPParseError) {
            _ = try parser.next()
            Issue.record("parsed")
        } catch {
            #expect(error.line == 1)
            #expect(error.column == 8)
        }
    }

    @Test func negativeContentLengthClosesTheStream() throws {
        var parser = SIPStreamParser()
        parser.feed(Array("BYE sip:a@b SIP/2.0\r\nContent-Length: -5\r\n\r\n".utf8))
        #expect(throws: SIPParseError.self) { _ = try parser.next() }
    }
}

extension SIPStreamParser.Event: CustomStringConvertible {
    public var description: String {
        switch self {
        case .message(let message): "message(\(message.method?.rawValue ?? String(message.statusCode ?? 0)))"
        case .ping: "ping"
        case .pong: "pong"
        }
    }
}
