#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Frames and parses SIP messages from octets (RFC 3261 §7).
///
/// Parsing indexes the start line and every header line once; typed headers are parsed
/// later, when read. The framing is lenient where RFC 4475 allows it (line folds, any
/// case, compact names, leading CRLFs, white space before the colon) and strict where it
/// asks for rejection (extra spaces in the Request-Line, a bracketed Request-URI, a status
/// code that is not three digits, a negative or missing-body Content-Length).
public enum SIPMessageParser {
    /// Parses one message from a datagram: octets after the body that Content-Length
    /// announces are ignored (§18.3); with no Content-Length the body is the rest.
    public static func parse(_ bytes: [UInt8]) throws(SIPParseError) -> SIPMessage {
        do throws(SIPSyntaxError) {
            let framed = try frameHeaders(bytes, from: 0, endOfData: true)
            guard let framed else {
                throw SIPSyntaxError("the message is empty", at: 0)
            }
            let available = bytes.count - framed.bodyStart
            let bodyLength: Int
            if let declared = framed.contentLength {
                guard declared <= available else {
                    throw SIPSyntaxError(
                        "Content-Length is \(declared) but only \(available) octets of body follow",
                        at: framed.contentLengthOffset ?? framed.bodyStart)
                }
                bodyLength = declared
            } else {
                bodyLength = available
            }
            return framed.message(bytes: bytes, bodyLength: bodyLength)
        } catch {
            throw error.located(in: bytes)
        }
    }

    /// Parses one message from text (tests, the command line).
    public static func parse(_ text: String) throws(SIPParseError) -> SIPMessage {
        try parse(Array(text.utf8))
    }

    /// The result of indexing a header block.
    struct FramedHeaders {
        var startLine: Range<Int>
        var parts: SIPMessage.StartLineParts
        var fields: [SIPHeaderField]
        var headerEnd: Int
        var bodyStart: Int
        var contentLength: Int?
        var contentLengthOffset: Int?

        func message(bytes: [UInt8], bodyLength: Int) -> SIPMessage {
            SIPMessage(bytes: bytes, rawStartLine: startLine, rawHeaderEnd: headerEnd, parts: parts,
                       fields: fields, body: bodyStart..<(bodyStart + bodyLength))
        }
    }

    /// Indexes the start line and header lines beginning at `start`. Returns nil when the
    /// octets end before the empty line that closes the headers and `endOfData` is false
    /// (a stream that needs more). With `endOfData`, a header block whose last line is
    /// complete but has no empty line after it is accepted (a datagram cut short after
    /// its last header), since nothing could follow it anyway.
    static func frameHeaders(_ bytes: [UInt8], from start: Int, endOfData: Bool) throws(SIPSyntaxError) -> FramedHeaders? {
        try bytes.withUnsafeBufferPointer { (buffer) throws(SIPSyntaxError) -> FramedHeaders? in
            try frameHeaders(buffer, from: start, endOfData: endOfData)
        }
    }

    static func frameHeaders(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, endOfData: Bool) throws(SIPSyntaxError) -> FramedHeaders? {
        let count = buffer.count
        guard count <= Int(Int32.max) else {
            throw SIPSyntaxError("the message is larger than 2 GiB", at: 0)
        }
        var position = start
        // §7.5: CRLFs before the start line are ignored.
        while position < count && (buffer[position] == .cr || buffer[position] == .lf) { position += 1 }
        guard position < count else { return nil }

        let startLineStart = position
        guard let startLineEnd = lineEnd(buffer, from: position) else {
            if endOfData { throw SIPSyntaxError("the start line has no line break after it", at: count) }
            return nil
        }
        let contentEnd = startLineEnd > position && buffer[startLineEnd - 1] == .cr ? startLineEnd - 1 : startLineEnd
        let parts = try parseStartLine(buffer, from: startLineStart, to: contentEnd)
        position = startLineEnd + 1

        var fields: [SIPHeaderField] = []
        fields.reserveCapacity(16)
        var contentLength: Int?
        var contentLengthOffset: Int?
        var headerEnd = count
        var bodyStart = count

        while true {
            if position >= count {
                if !endOfData { return nil }
                headerEnd = count
                bodyStart = count
                break
            }
            let first = buffer[position]
            if first == .lf {
                headerEnd = position
                bodyStart = position + 1
                break
            }
            if first == .cr {
                if position + 1 < count && buffer[position + 1] == .lf {
                    headerEnd = position
                    bodyStart = position + 2
                    break
                }
                if position + 1 >= count && !endOfData { return nil }
                throw SIPSyntaxError("a bare CR where a header line or the empty line should start", at: position)
            }
            if first == .space || first == .tab {
                throw SIPSyntaxError("a continuation line with no header before it", at: position)
            }

            // Header name, optional white space, colon.
            let lineStart = position
            while position < count && ByteClass.token.contains(buffer[position]) { position += 1 }
            let nameEnd = position
            guard nameEnd > lineStart else {
                throw SIPSyntaxError("expected a header name but found \(ByteScanner.describe(buffer[position]))", at: position)
            }
            while position < count && (buffer[position] == .space || buffer[position] == .tab) { position += 1 }
            guard position < count, buffer[position] == .colon else {
                if position >= count && !endOfData { return nil }
                throw SIPSyntaxError(
                    position < count && (buffer[position] == .cr || buffer[position] == .lf)
                        ? "header line has no ':' after its name"
                        : "header name is followed by \(position < count ? ByteScanner.describe(buffer[position]) : "the end") instead of ':'",
                    at: position)
            }
            position += 1

            // The value runs to the end of the line, across folds.
            var lineBreak: Int
            var searchFrom = position
            while true {
                guard let lf = lineEnd(buffer, from: searchFrom) else {
                    if !endOfData { return nil }
                    throw SIPSyntaxError("the header line has no line break after it", at: count)
                }
                lineBreak = lf
                if lf + 1 < count && (buffer[lf + 1] == .space || buffer[lf + 1] == .tab) {
                    searchFrom = lf + 1
                    continue
                }
                if lf + 1 >= count && !endOfData { return nil }
                break
            }
            var valueStart = position
            var valueEnd = lineBreak
            if valueEnd > valueStart && buffer[valueEnd - 1] == .cr { valueEnd -= 1 }
            while valueStart < valueEnd && isLWSOctet(buffer[valueStart]) { valueStart += 1 }
            while valueEnd > valueStart && isLWSOctet(buffer[valueEnd - 1]) { valueEnd -= 1 }

            let kind = SIPHeaderName.recognise(buffer, lineStart..<nameEnd)
            if kind == .contentLength && contentLength == nil {
                contentLengthOffset = valueStart
                contentLength = try parseContentLength(buffer, valueStart..<valueEnd)
            }
            fields.append(SIPHeaderField(kind: kind, name: lineStart..<nameEnd, value: valueStart..<valueEnd, lineEnd: lineBreak + 1))
            position = lineBreak + 1
        }

        return FramedHeaders(startLine: startLineStart..<(startLineEnd + 1), parts: parts, fields: fields,
                             headerEnd: headerEnd, bodyStart: bodyStart, contentLength: contentLength,
                             contentLengthOffset: contentLengthOffset)
    }

    @inline(__always)
    static func isLWSOctet(_ b: UInt8) -> Bool { b == .space || b == .tab || b == .cr || b == .lf }

    /// The index of the next LF at or after `from`. Most of a message's octets are
    /// header values crossed only by this search, so it uses libc's vectorised memchr.
    @inline(__always)
    static func lineEnd(_ buffer: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard from < buffer.count, let base = buffer.baseAddress else { return nil }
        guard let found = memchr(base + from, Int32(UInt8.lf), buffer.count - from) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    static func parseContentLength(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws(SIPSyntaxError) -> Int {
        guard !range.isEmpty else { throw SIPSyntaxError("Content-Length is empty", at: range.lowerBound) }
        var value = 0
        for index in range {
            let b = buffer[index]
            guard ByteClass.isDigit(b) else {
                if b == 0x2D {
                    throw SIPSyntaxError("Content-Length may not be negative", at: index)
                }
                throw SIPSyntaxError("Content-Length must be a number of octets, found \(ByteScanner.describe(b))", at: index)
            }
            value = value * 10 + Int(b - 0x30)
            if value > 1 << 31 {
                throw SIPSyntaxError("Content-Length is out of range", at: range.lowerBound)
            }
        }
        return value
    }

    // MARK: Start line

    static func parseStartLine(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) throws(SIPSyntaxError) -> SIPMessage.StartLineParts {
        if end - start >= 4 && buffer[start].asciiLowercased == 0x73 && buffer[start + 1].asciiLowercased == 0x69
            && buffer[start + 2].asciiLowercased == 0x70 && buffer[start + 3] == .slash {
            return try parseStatusLine(buffer, from: start, to: end)
        }
        return try parseRequestLine(buffer, from: start, to: end)
    }

    /// `SIP/2.0 SP 3DIGIT SP Reason-Phrase`; the reason may be empty (RFC 4475 noreason).
    static func parseStatusLine(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) throws(SIPSyntaxError) -> SIPMessage.StartLineParts {
        let versionEnd = try scanVersion(buffer, from: start, to: end)
        var position = versionEnd
        guard position < end, buffer[position] == .space else {
            throw SIPSyntaxError("expected one space after the SIP version in the status line", at: position)
        }
        position += 1
        let codeStart = position
        while position < end && ByteClass.isDigit(buffer[position]) { position += 1 }
        let digits = position - codeStart
        guard digits == 3, position == end || buffer[position] == .space else {
            if digits == 0 {
                throw SIPSyntaxError("expected a three-digit status code", at: codeStart)
            }
            throw SIPSyntaxError("the status code must be three digits (100–699)", at: codeStart)
        }
        let code = Int(buffer[codeStart] - 0x30) * 100 + Int(buffer[codeStart + 1] - 0x30) * 10 + Int(buffer[codeStart + 2] - 0x30)
        guard (100...699).contains(code) else {
            throw SIPSyntaxError("status code \(code) is outside 100–699", at: codeStart)
        }
        let reasonStart = position < end ? position + 1 : end
        for index in reasonStart..<end where buffer[index] < 0x20 && buffer[index] != .tab {
            throw SIPSyntaxError("control character \(ByteScanner.describe(buffer[index])) in the reason phrase", at: index)
        }
        return .response(version: start..<versionEnd, status: code, reason: reasonStart..<end)
    }

    /// `Method SP Request-URI SP SIP-Version`, with exactly one space between elements
    /// (RFC 4475 lwsstart, trws) and no angle brackets around the URI (ltgtruri).
    static func parseRequestLine(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) throws(SIPSyntaxError) -> SIPMessage.StartLineParts {
        var position = start
        while position < end && ByteClass.token.contains(buffer[position]) { position += 1 }
        let methodEnd = position
        guard methodEnd > start else {
            throw SIPSyntaxError("expected a request method or SIP/2.0 at the start of the message, found \(ByteScanner.describe(buffer[start]))", at: start)
        }
        guard position < end, buffer[position] == .space else {
            throw SIPSyntaxError(
                position < end ? "the method contains \(ByteScanner.describe(buffer[position])), which is not allowed in a token"
                               : "the request line ends after the method",
                at: position)
        }
        position += 1
        guard position < end, buffer[position] != .space, buffer[position] != .tab else {
            throw SIPSyntaxError("more than one space between the method and the Request-URI", at: position)
        }
        let uriStart = position
        if buffer[position] == .lessThan {
            throw SIPSyntaxError("the Request-URI must not be enclosed in <>", at: position)
        }
        while position < end && buffer[position] != .space {
            let b = buffer[position]
            guard b > 0x20 && b != 0x7F else {
                throw SIPSyntaxError("\(ByteScanner.describe(b)) is not allowed in the Request-URI", at: position)
            }
            position += 1
        }
        let uriEnd = position
        guard position < end else {
            throw SIPSyntaxError("the request line has no SIP version after the Request-URI", at: position)
        }
        position += 1
        guard position < end, buffer[position] != .space, buffer[position] != .tab else {
            throw SIPSyntaxError("more than one space between the Request-URI and the SIP version", at: position)
        }
        let versionStart = position
        let versionEnd = try scanVersion(buffer, from: versionStart, to: end)
        guard versionEnd == end else {
            if buffer[versionEnd] == .space || buffer[versionEnd] == .tab {
                throw SIPSyntaxError("trailing white space after the SIP version", at: versionEnd)
            }
            throw SIPSyntaxError("unexpected \(ByteScanner.describe(buffer[versionEnd])) after the SIP version", at: versionEnd)
        }
        return .request(method: start..<methodEnd, uri: uriStart..<uriEnd, version: versionStart..<versionEnd)
    }

    /// `SIP/1*DIGIT.1*DIGIT`, case-insensitive; the value itself is judged later (505).
    static func scanVersion(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) throws(SIPSyntaxError) -> Int {
        guard end - start >= 4, buffer[start].asciiLowercased == 0x73, buffer[start + 1].asciiLowercased == 0x69,
              buffer[start + 2].asciiLowercased == 0x70, buffer[start + 3] == .slash else {
            throw SIPSyntaxError("expected SIP/2.0", at: start)
        }
        var position = start + 4
        let major = position
        while position < end && ByteClass.isDigit(buffer[position]) { position += 1 }
        guard position > major, position < end, buffer[position] == 0x2E else {
            throw SIPSyntaxError("malformed SIP version: expected SIP/2.0", at: start)
        }
        position += 1
        let minor = position
        while position < end && ByteClass.isDigit(buffer[position]) { position += 1 }
        guard position > minor else {
            throw SIPSyntaxError("malformed SIP version: expected SIP/2.0", at: start)
        }
        return position
    }
}
