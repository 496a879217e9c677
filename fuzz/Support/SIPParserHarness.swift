import SIPCore

/// What the parser fuzzers check on every input, shared by the seeded mutator test
/// (Tests/SIPCoreTests/ParserFuzzTests.swift) and the libFuzzer target (fuzz/SIPParserFuzzer.swift),
/// so both hold SIPCore to the same promises:
///
/// - nothing traps (a trap is the crash a fuzzer reports; this code cannot catch it);
/// - every `SIPParseError` and `SIPValidationFailure` names a line and column ≥ 1 and a reason;
/// - a message that parses serializes to octets that parse again to the same start line,
///   header names, header values and body, and serializing that gives the same octets;
/// - `validate()` says the same of the message and of its serialization;
/// - a typed header value that parses writes (`description`) a value that parses back equal;
/// - the stream parser, fed the same octets in any chunks, always makes progress and
///   fails with a located error, never loops or traps;
/// - a message with a Content-Length is framed the same on a stream as in a datagram.
///
/// When a header parser or typed accessor is added to SIPCore, add it to `exerciseAccessors`
/// and `checkTypedErrors` (and, where it has a `description`, to `typedRoundTrips`);
/// `validate()` is called on every message, so a new header checked there is fuzzed
/// without any change here.
public enum SIPParserHarness {
    /// One broken promise: which check, and what was seen.
    public struct Violation: Sendable, Equatable, CustomStringConvertible {
        public var check: String
        public var detail: String
        public var description: String { "\(check): \(detail)" }
    }

    /// What one input did, for fuzzers that keep statistics.
    public struct Outcome: Sendable {
        /// The broken promises, in the order found; empty when all hold.
        public var violations: [Violation] = []
        /// The octets parsed as a datagram.
        public var parsed = false
        /// ... and `validate()` accepted the message.
        public var accepted = false
        /// Messages the stream parser framed from the same octets.
        public var streamMessages = 0
    }

    /// Runs every check on `bytes`. `chunkSeed` picks the chunk sizes fed to the stream
    /// parser (the same seed gives the same chunks). Returns the broken promises, in the
    /// order found; empty when all hold.
    public static func check(_ bytes: [UInt8], chunkSeed: UInt64) -> [Violation] {
        run(bytes, chunkSeed: chunkSeed).violations
    }

    /// `check`, with what the input did.
    public static func run(_ bytes: [UInt8], chunkSeed: UInt64) -> Outcome {
        var outcome = Outcome()
        checkDatagram(bytes, &outcome)
        checkStream(bytes, chunkSeed: chunkSeed, &outcome)
        return outcome
    }

    /// A seed for `check` that depends only on the input (FNV-1a), for fuzzers that have
    /// no randomness of their own to give.
    public static func chunkSeed(for bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return hash
    }

    // MARK: Datagram

    static func checkDatagram(_ bytes: [UInt8], _ outcome: inout Outcome) {
        let message: SIPMessage
        do throws(SIPParseError) {
            message = try SIPMessageParser.parse(bytes)
        } catch {
            checkLocated(error, "datagram parse error", within: bytes.count, &outcome.violations)
            return
        }
        outcome.parsed = true
        let verdict = exercise(message, "datagram", &outcome.violations)
        outcome.accepted = verdict == nil

        let octets = message.serialized()
        let reparsed: SIPMessage
        do throws(SIPParseError) {
            reparsed = try SIPMessageParser.parse(octets)
        } catch {
            outcome.violations.append(Violation(check: "reparse",
                detail: "the serialization of a parsed message does not parse: \(error)"))
            return
        }
        compare(message, reparsed, "reparse", &outcome.violations)
        let again = reparsed.serialized()
        if again != octets {
            outcome.violations.append(Violation(check: "reserialize",
                detail: "serializing the reparsed message gives \(again.count) octets, not the \(octets.count) it was parsed from"))
        }
        let reverdict = exercise(reparsed, "reparsed", &outcome.violations)
        if verdict?.statusCode != reverdict?.statusCode || verdict?.reason != reverdict?.reason {
            outcome.violations.append(Violation(check: "revalidate",
                detail: "validate() gave \(describe(verdict)) for the message and \(describe(reverdict)) for its serialization"))
        }
        checkStreamFramesTheSame(message, octets, chunkSeed: chunkSeed(for: octets), &outcome)
    }

    /// A message that states its Content-Length is framed the same on a stream as in a
    /// datagram: its serialization, fed in chunks, comes out as that one message.
    static func checkStreamFramesTheSame(_ message: SIPMessage, _ octets: [UInt8], chunkSeed: UInt64, _ outcome: inout Outcome) {
        let streamLimit = 65_535
        guard message.count(of: .contentLength) > 0, octets.count <= streamLimit else { return }
        var random = SplitMix64(seed: chunkSeed)
        var parser = SIPStreamParser(maximumMessageSize: streamLimit)
        var framed: [SIPMessage] = []
        var fed = 0
        while fed < octets.count {
            let size = min(octets.count - fed, 1 + random.below(128))
            parser.feed(octets[fed..<(fed + size)])
            fed += size
            do throws(SIPParseError) {
                while let event = try parser.next() {
                    guard case let .message(message) = event else {
                        outcome.violations.append(Violation(check: "stream framing",
                            detail: "a keep-alive (\(event)) inside a serialized message"))
                        return
                    }
                    framed.append(message)
                    if framed.count > 1 { break }
                }
            } catch {
                outcome.violations.append(Violation(check: "stream framing",
                    detail: "the stream parser refuses a message the datagram parser took: \(error)"))
                return
            }
        }
        guard framed.count == 1 else {
            outcome.violations.append(Violation(check: "stream framing",
                detail: "\(framed.count) messages framed from one serialized message, \(parser.bufferedCount) octets left"))
            return
        }
        compare(message, framed[0], "stream framing", &outcome.violations)
        if parser.bufferedCount != 0 {
            outcome.violations.append(Violation(check: "stream framing",
                detail: "\(parser.bufferedCount) octets left after the message"))
        }
    }

    // MARK: Stream

    static func checkStream(_ bytes: [UInt8], chunkSeed: UInt64, _ outcome: inout Outcome) {
        var random = SplitMix64(seed: chunkSeed)
        // Mostly small chunks (framing across feeds), sometimes everything at once.
        let maximumChunk = random.next() % 4 == 0 ? max(bytes.count, 1) : Int(random.next() % 64) + 1
        var parser = SIPStreamParser()
        var fed = 0
        var events = 0
        while fed < bytes.count {
            let size = min(bytes.count - fed, Int(random.next() % UInt64(maximumChunk)) + 1)
            parser.feed(bytes[fed..<(fed + size)])
            fed += size
            // Every event consumes at least one octet, so there can be no more events
            // than octets fed; one more would mean the parser is stuck.
            while true {
                let event: SIPStreamParser.Event?
                do throws(SIPParseError) {
                    event = try parser.next()
                } catch {
                    checkLocated(error, "stream parse error", within: nil, &outcome.violations)
                    do throws(SIPParseError) {
                        _ = try parser.next()
                        outcome.violations.append(Violation(check: "stream failure",
                            detail: "after failing with \(error) the stream parser carried on"))
                    } catch let again {
                        if again != error {
                            outcome.violations.append(Violation(check: "stream failure",
                                detail: "failed with \(error), then with \(again)"))
                        }
                    }
                    return
                }
                guard let event else { break }
                events += 1
                if events > fed {
                    outcome.violations.append(Violation(check: "stream progress",
                        detail: "\(events) events from \(fed) octets: the stream parser is not consuming its input"))
                    return
                }
                if case let .message(message) = event {
                    outcome.streamMessages += 1
                    exercise(message, "stream message", &outcome.violations)
                }
            }
        }
        if parser.bufferedCount > bytes.count {
            outcome.violations.append(Violation(check: "stream buffer",
                detail: "\(parser.bufferedCount) octets buffered after \(bytes.count) were fed"))
        }
    }

    // MARK: One message

    /// Reads everything the message offers; returns its validation verdict.
    @discardableResult
    static func exercise(_ message: SIPMessage, _ context: String, _ violations: inout [Violation]) -> SIPValidationFailure? {
        let verdict = message.validate()
        if let verdict {
            if verdict.line < 1 || verdict.column < 1 || verdict.reason.isEmpty || !(400...599).contains(verdict.statusCode) {
                violations.append(Violation(check: "\(context) validation failure",
                    detail: "badly formed: \(verdict)"))
            }
        }
        exerciseAccessors(message)
        checkTypedErrors(message, context, &violations)
        typedRoundTrips(message, context, &violations)
        return verdict
    }

    /// The typed parsers that the accessors use quietly (`try?`), asked directly: their
    /// errors must be located too.
    static func checkTypedErrors(_ message: SIPMessage, _ context: String, _ violations: inout [Violation]) {
        func located<T>(_ parse: () throws(SIPParseError) -> T) {
            do throws(SIPParseError) {
                _ = try parse()
            } catch {
                checkLocated(error, "\(context) typed header error", within: nil, &violations)
            }
        }
        located { () throws(SIPParseError) in try message.parsedValues(.via, as: SIPVia.self) }
        located { () throws(SIPParseError) in try message.parsedValue(.cseq, as: SIPCSeq.self) }
        located { () throws(SIPParseError) in try message.parsedValue(.callID, as: SIPCallID.self) }
        located { () throws(SIPParseError) in try message.parsedValue(.contentType, as: SIPContentType.self) }
        located { () throws(SIPParseError) in try message.parsedValue(.retryAfter, as: SIPRetryAfter.self) }
        located { () throws(SIPParseError) in try message.parsedValue(.date, as: SIPDate.self) }
        located { () throws(SIPParseError) in try message.parsedValues(.warning, as: SIPWarning.self) }
        located { () throws(SIPParseError) in try message.parsedValues(.reason, as: SIPReason.self) }
        located { () throws(SIPParseError) in try message.parsedValues(.allow, as: SIPToken.self) }
        located { () throws(SIPParseError) in try message.parsedValues(.expires, as: SIPDeltaSeconds.self) }
        located { () throws(SIPParseError) in try message.parsedValue(.from, as: SIPNameAddress.self) }
        located { () throws(SIPParseError) in try message.parsedValue(.to, as: SIPNameAddress.self) }
        located { () throws(SIPParseError) in try message.parsedValues(.route, as: SIPNameAddress.self) }
        located { () throws(SIPParseError) in try message.parsedValues(.recordRoute, as: SIPNameAddress.self) }
        located { () throws(SIPParseError) in try message.parsedContacts() }
        located { () throws(SIPParseError) in try message.parsedRequestURI() }
    }

    /// Calls every public read-only accessor (the typed ones parse their header).
    static func exerciseAccessors(_ message: SIPMessage) {
        var sink = 0
        func use<T>(_ value: T) { withExtendedLifetime(value) { sink &+= 1 } }
        use(message.startLine)
        use(message.isRequest)
        use(message.isResponse)
        use(message.method?.isKnown)
        use(message.requestURIText)
        use(message.statusCode)
        use(message.reasonPhrase)
        use(message.version)
        use(message.headers)
        use(message.headerValueBytes)
        use(message.headerCount)
        use(message.body)
        use(message.bodyCount)
        use(message.text)
        // Lookups by kind are cheap; by name they compare text, so only the names the
        // message has (each once), a compact and an empty one. (Every canonical name on
        // every message took a fifth of libFuzzer's time and found nothing more.)
        var kinds: Set<SIPHeaderName> = []
        for kind in SIPHeaderName.allCases {
            use(message.values(kind))
            use(message.value(kind))
            if message.count(of: kind) > 0 { kinds.insert(kind) }
        }
        var names: Set<String> = ["", "v"]
        for (name, _) in message.headers.prefix(256) where names.count < 24 { names.insert(name) }
        for kind in kinds { names.insert(kind.canonicalName.uppercased()) }
        for name in names {
            use(message.values(name))
            use(message.value(name))
        }
        use(message.callID)
        use(message.cseq)
        use(message.topVia)
        use(message.vias)
        use(message.maxForwards)
        use(message.contentLength)
        use(message.contentType?.mediaType)
        use(message.expires)
        use(message.minExpires)
        use(message.allow)
        use(message.supported)
        use(message.require)
        use(message.proxyRequire)
        use(message.unsupported)
        use(message.retryAfter?.duration)
        use(message.warnings)
        use(message.reasons.map { ($0.cause, $0.text) })
        use(message.userAgent)
        use(message.server)
        use(message.date)
        for via in message.vias {
            use((via.branch, via.received, via.maddr, via.ttl, via.rport, via.sentBy, via.hasMagicCookie))
        }
        use(message.from?.tag)
        use(message.to?.description)
        use(message.routes)
        use(message.recordRoutes)
        for contact in message.contacts { use((contact.q, contact.expires, contact.description)) }
        use(message.requestURI?.description)
        use(message.wwwAuthenticate.map { ($0.realm, $0.algorithm, $0.qopOptions, $0.stale) })
        use(message.proxyAuthenticate.map(\.nonce))
        use(message.authorization.map(\.username))
        use(message.proxyAuthorization.map(\.response))
        if let challenge = message.wwwAuthenticate.first ?? message.proxyAuthenticate.first,
           let authorizer = DigestAuthorizer(challenge: challenge) {
            use(try? authorizer.answer(credentials: DigestCredentials(username: "fuzz", password: "fuzz"),
                                       method: message.method?.rawValue ?? "INVITE", uri: "sip:fuzz@example.com",
                                       body: message.body, nonceCount: 1, cnonce: "0a4f113b"))
        }
        use(message.advisories())
        use(message.validate())
        use(sink)
    }

    /// A typed value, written with `description`, must parse back to the same value: a
    /// stack copies Via, CSeq, Call-ID ... from requests into responses this way.
    static func typedRoundTrips(_ message: SIPMessage, _ context: String, _ violations: inout [Violation]) {
        func roundTrip<Value: SIPHeaderValue & Equatable & CustomStringConvertible>(
            _ name: String, _ kind: SIPHeaderName, _ value: Value?
        ) {
            guard let value else { return }
            let written = value.description
            let built = SIPMessage.request(.options, uri: "sip:fuzz@example.invalid",
                                           headers: [SIPHeaderField(name: name, value: written)])
            let reparsedValue: Value?
            do throws(SIPParseError) {
                reparsedValue = try SIPMessageParser.parse(built.serialized()).parsedValue(kind, as: Value.self)
            } catch {
                violations.append(Violation(check: "\(context) \(name) round trip",
                    detail: "\(value) is written as \(quote(written)), which does not parse: \(error)"))
                return
            }
            if reparsedValue != value {
                violations.append(Violation(check: "\(context) \(name) round trip",
                    detail: "\(value) is written as \(quote(written)), which parses as \(describe(reparsedValue))"))
            }
        }
        roundTrip("Via", .via, message.topVia)
        roundTrip("CSeq", .cseq, message.cseq)
        roundTrip("Call-ID", .callID, message.callID.map(SIPCallID.init))
        roundTrip("Content-Type", .contentType, message.contentType)
        roundTrip("Retry-After", .retryAfter, message.retryAfter)
        roundTrip("Warning", .warning, message.warnings.first)
        roundTrip("Reason", .reason, message.reasons.first)
        roundTrip("Date", .date, message.date)
    }

    // MARK: Helpers

    static func compare(_ a: SIPMessage, _ b: SIPMessage, _ check: String, _ violations: inout [Violation]) {
        if a.startLine != b.startLine {
            violations.append(Violation(check: check, detail: "start line \(a.startLine) became \(b.startLine)"))
        }
        let namesA = a.headers.map(\.name), namesB = b.headers.map(\.name)
        if namesA != namesB {
            violations.append(Violation(check: check, detail: "header names \(namesA) became \(namesB)"))
        }
        let valuesA = a.headerValueBytes, valuesB = b.headerValueBytes
        if valuesA != valuesB {
            let index = zip(valuesA, valuesB).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(valuesA.count, valuesB.count)
            violations.append(Violation(check: check,
                detail: "header values differ from line \(index + 1) of \(valuesA.count) (now \(valuesB.count))"))
        }
        if a.body != b.body {
            violations.append(Violation(check: check, detail: "body of \(a.bodyCount) octets became \(b.bodyCount) octets"))
        }
    }

    static func checkLocated(_ error: SIPParseError, _ check: String, within count: Int?, _ violations: inout [Violation]) {
        var wrong: [String] = []
        if error.line < 1 { wrong.append("line \(error.line)") }
        if error.column < 1 { wrong.append("column \(error.column)") }
        if error.reason.isEmpty { wrong.append("an empty reason") }
        if error.offset < 0 { wrong.append("offset \(error.offset)") }
        if let count, error.offset > count { wrong.append("offset \(error.offset) past the \(count) octets") }
        if !wrong.isEmpty {
            violations.append(Violation(check: check, detail: "\(wrong.joined(separator: ", ")) in \(error)"))
        }
    }

    static func describe<T>(_ value: T?) -> String { value.map { "\($0)" } ?? "nil" }

    static func quote(_ text: String) -> String {
        "\"" + text.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F ? String($0) : $0.escaped(asASCII: true) }.joined() + "\""
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and the same sequence on every
/// platform and Swift version, so a seed names one run for good.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (bound > 0), without the bias worth worrying about here.
    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
