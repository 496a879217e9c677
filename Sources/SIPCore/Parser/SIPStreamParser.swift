/// Frames messages arriving on a stream transport (TCP, TLS): feed octets as they come,
/// take messages as they complete. Messages are framed by Content-Length (§18.3);
/// CRLFs between messages are RFC 5626 keep-alives.
///
/// A framing error cannot be recovered from on a stream (where would the next message
/// start?), so after one the parser keeps failing and the connection should be closed.
public struct SIPStreamParser: Sendable {
    public enum Event: Sendable {
        case message(SIPMessage)
        /// A double CRLF: a keep-alive ping that asks for a single-CRLF pong (RFC 5626 §4.4.1).
        case ping
        /// A single CRLF: the pong to our ping.
        case pong
    }

    /// Messages (headers and body together) larger than this are refused.
    public let maximumMessageSize: Int

    private var buffer: [UInt8] = []
    private var readIndex = 0
    /// Where the search for the end of the headers resumes (so a slow sender does not
    /// make us rescan from the start each time).
    private var scanFrom = 0
    private var failure: SIPParseError?

    public init(maximumMessageSize: Int = 65_535) {
        self.maximumMessageSize = maximumMessageSize
    }

    /// Octets received but not yet part of a returned message.
    public var bufferedCount: Int { buffer.count - readIndex }

    public mutating func feed<Octets: Sequence>(_ octets: Octets) where Octets.Element == UInt8 {
        if readIndex > 0 && readIndex >= buffer.count / 2 {
            buffer.removeFirst(readIndex)
            scanFrom = max(0, scanFrom - readIndex)
            readIndex = 0
        }
        buffer.append(contentsOf: octets)
    }

    /// The next complete event, or nil when more octets are needed.
    public mutating func next() throws(SIPParseError) -> Event? {
        if let failure { throw failure }

        // Keep-alives between messages.
        if readIndex < buffer.count, buffer[readIndex] == .cr || buffer[readIndex] == .lf {
            let available = buffer.count - readIndex
            if available >= 4 && buffer[readIndex] == .cr && buffer[readIndex + 1] == .lf
                && buffer[readIndex + 2] == .cr && buffer[readIndex + 3] == .lf {
                consume(4)
                return .ping
            }
            if available >= 2 && buffer[readIndex] == .cr && buffer[readIndex + 1] == .lf {
                consume(2)
                return .pong
            }
            if buffer[readIndex] == .lf {
                consume(1)
                return .pong
            }
            return nil   // a lone CR: wait for its LF
        }
        guard readIndex < buffer.count else { return nil }

        // Find the empty line before doing any parsing.
        guard let headerEnd = findEndOfHeaders() else {
            if buffer.count - readIndex > maximumMessageSize {
                return try fail(SIPSyntaxError(
                    "no end of headers within \(maximumMessageSize) octets: message too large or not SIP", at: readIndex))
            }
            return nil
        }

        let framed: SIPMessageParser.FramedHeaders?
        do throws(SIPSyntaxError) {
            framed = try SIPMessageParser.frameHeaders(Array(buffer[readIndex..<headerEnd]), from: 0, endOfData: false)
        } catch {
            return try fail(SIPSyntaxError(error.reason, at: error.offset + readIndex))
        }
        guard let framed else { return nil }
        let bodyLength = framed.contentLength ?? 0   // §18.3: on a stream a missing Content-Length means none
        let total = framed.bodyStart + bodyLength
        if total > maximumMessageSize {
            return try fail(SIPSyntaxError(
                "message of \(total) octets is larger than the limit of \(maximumMessageSize)",
                at: readIndex + (framed.contentLengthOffset ?? 0)))
        }
        guard buffer.count - readIndex >= total else { return nil }
        let octets = Array(buffer[readIndex..<(readIndex + total)])
        consume(total)
        return .message(framed.message(bytes: octets, bodyLength: bodyLength))
    }

    private mutating func consume(_ count: Int) {
        readIndex += count
        scanFrom = readIndex
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            readIndex = 0
            scanFrom = 0
        }
    }

    private mutating func fail(_ error: SIPSyntaxError) throws(SIPParseError) -> Event? {
        // Lines and columns count from the start of the message being framed.
        let located = SIPSyntaxError(error.reason, at: error.offset - readIndex).located(in: Array(buffer[readIndex...]))
        failure = located
        throw located
    }

    /// The index just past the empty line (CRLFCRLF or LFLF) that ends the headers.
    private mutating func findEndOfHeaders() -> Int? {
        var index = max(scanFrom, readIndex)
        // Skip the CRLFs a sender may put before the start line.
        while index < buffer.count && index == readIndex && (buffer[index] == .cr || buffer[index] == .lf) { index += 1 }
        while index < buffer.count {
            if buffer[index] == .lf {
                if index + 1 < buffer.count && buffer[index + 1] == .lf { return index + 2 }
                if index + 2 < buffer.count && buffer[index + 1] == .cr && buffer[index + 2] == .lf { return index + 3 }
            }
            index += 1
        }
        scanFrom = max(readIndex, buffer.count - 3)
        return nil
    }
}
