/// A typed header value that can be read from a header line's octets. List headers hold
/// one element per comma-separated entry; `parseElement` reads one and stops before a
/// top-level comma or the end.
public protocol SIPHeaderValue: Sendable {
    static func parseElement(_ scanner: inout ByteScanner) throws(SIPSyntaxError) -> Self
}

extension SIPMessage {
    /// Every element of every line called `kind`, in order, list values split on their
    /// commas. Throws with the line and column of the first malformed element.
    public func parsedValues<Value: SIPHeaderValue>(_ kind: SIPHeaderName, as type: Value.Type = Value.self) throws(SIPParseError) -> [Value] {
        var result: [Value] = []
        for field in fields where field.kind == kind {
            do throws(SIPSyntaxError) {
                try Self.parseLine(field, in: bytes, into: &result, list: kind.isList)
            } catch {
                throw locate(error, in: field)
            }
        }
        return result
    }

    /// The first element of the first line called `kind`; nil when there is none.
    /// Only that element is parsed (the top Via of a long list costs one Via).
    public func parsedValue<Value: SIPHeaderValue>(_ kind: SIPHeaderName, as type: Value.Type = Value.self) throws(SIPParseError) -> Value? {
        guard let field = fields.first(where: { $0.kind == kind }) else { return nil }
        let (buffer, range) = field.valueLocation(in: bytes)
        var scanner = ByteScanner(buffer, from: range.lowerBound, to: range.upperBound)
        do throws(SIPSyntaxError) {
            scanner.skipLWS()
            let value = try Value.parseElement(&scanner)
            scanner.skipLWS()
            if !scanner.isAtEnd && !(kind.isList && scanner.peek() == .comma) {
                throw scanner.error("unexpected \(ByteScanner.describe(scanner.peek()!)) after the \(kind.canonicalName) value")
            }
            return value
        } catch {
            throw locate(error, in: field)
        }
    }

    static func parseLine<Value: SIPHeaderValue>(_ field: SIPHeaderField, in bytes: [UInt8], into result: inout [Value], list: Bool) throws(SIPSyntaxError) {
        let (buffer, range) = field.valueLocation(in: bytes)
        var scanner = ByteScanner(buffer, from: range.lowerBound, to: range.upperBound)
        scanner.skipLWS()
        if list && scanner.isAtEnd { return }   // an empty list line (e.g. `Supported:`)
        while true {
            if list && scanner.peek() == .comma {
                throw scanner.error("empty element in the \(field.kind.canonicalName) list")
            }
            result.append(try Value.parseElement(&scanner))
            scanner.skipLWS()
            if scanner.isAtEnd { return }
            guard list, scanner.consume(.comma) else {
                throw scanner.error("unexpected \(ByteScanner.describe(scanner.peek()!)) after the \(field.kind == .extension ? "header" : field.kind.canonicalName) value")
            }
            scanner.skipLWS()
            if scanner.isAtEnd {
                throw scanner.error("the \(field.kind.canonicalName) list ends with a comma")
            }
        }
    }

    /// Maps an error inside a header line to the message's line and column (or, for a
    /// line built in code, to the line's own text).
    func locate(_ error: SIPSyntaxError, in field: SIPHeaderField) -> SIPParseError {
        switch field.storage {
        case .parsed: return error.located(in: bytes)
        case let .built(name, value):
            var located = error.located(in: value)
            located.reason = "\(name): \(located.reason)"
            return located
        }
    }
}

/// Free text such as User-Agent, Server, Subject, or an extension header's value.
public struct SIPTextValue: SIPHeaderValue, Hashable, CustomStringConvertible {
    public var text: String
    public var description: String { text }

    public static func parseElement(_ scanner: inout ByteScanner) throws(SIPSyntaxError) -> SIPTextValue {
        let range = scanner.remainderTrimmed()
        var unfolded: [UInt8] = []
        unfolded.reserveCapacity(range.count)
        for index in range where scanner.bytes[index] != .cr && scanner.bytes[index] != .lf {
            unfolded.append(scanner.bytes[index])
        }
        scanner.position = scanner.end
        return SIPTextValue(text: String(decoding: unfolded, as: UTF8.self))
    }
}

/// One token of a token list: Allow, Supported, Require, Proxy-Require, Unsupported.
public struct SIPToken: SIPHeaderValue, Hashable, CustomStringConvertible {
    public var value: String
    public init(_ value: String) { self.value = value }
    public var description: String { value }

    public static func parseElement(_ scanner: inout ByteScanner) throws(SIPSyntaxError) -> SIPToken {
        let range = try scanner.requireToken("a token")
        return SIPToken(scanner.string(range))
    }
}

/// A number of seconds (Expires, Min-Expires, Max-Forwards share the shape).
public struct SIPDeltaSeconds: SIPHeaderValue, Hashable, CustomStringConvertible {
    public var seconds: UInt32
    public init(_ seconds: UInt32) { self.seconds = seconds }
    public var description: String { String(seconds) }

    public static func parseElement(_ scanner: inout ByteScanner) throws(SIPSyntaxError) -> SIPDeltaSeconds {
        SIPDeltaSeconds(UInt32(try scanner.requireNumber("delta-seconds", maximum: UInt64(UInt32.max))))
    }
}
