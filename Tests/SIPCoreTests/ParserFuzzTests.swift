import Foundation
import SIPFuzzSupport
import Testing

/// A seeded mutation fuzzer over the fixture corpus: every mutant must pass the checks of
/// `SIPParserHarness` (no trap, located errors, parse → serialize → parse gives the same
/// message, the stream parser makes progress). The same seed gives the same mutants on
/// every machine, so a failure in CI is reproduced by its seed.
///
/// - `DIALTONE_FUZZ_SEED`: the seed (decimal or 0x-hex); a fixed one by default.
/// - `DIALTONE_FUZZ_ITERATIONS`: how many mutants (default sized for a few seconds of a
///   debug build on two cores).
/// - `DIALTONE_FUZZ_SECONDS`: stop after this long even if mutants remain.
/// - `DIALTONE_FUZZ_TRACE=1`: print each mutant (base64, to standard error) before checking
///   it, so the last line before a crash is the input that crashed.
@Suite struct ParserFuzzTests {
    static let corpusPaths: [String] =
        Fixtures.files(under: "rfc4475", ext: "dat") + Fixtures.files(under: "perf", ext: "sip")
        + Fixtures.files(under: "rfc3665", ext: "sip") + Fixtures.files(under: "fuzz-regressions", ext: "dat")

    static let corpus: [[UInt8]] = corpusPaths.compactMap { try? Fixtures.bytes($0) }

    static let regressionPaths = Fixtures.files(under: "fuzz-regressions", ext: "dat")

    @Test func corpusIsThere() {
        #expect(Self.corpus.count == Self.corpusPaths.count)
        #expect(Self.corpus.count > 130)
    }

    /// Each unmutated fixture passes the checks: a failure here is not the mutator's doing.
    @Test(arguments: corpusPaths)
    func fixturePassesTheChecks(_ path: String) throws {
        let bytes = try Fixtures.bytes(path)
        let violations = SIPParserHarness.check(bytes, chunkSeed: SIPParserHarness.chunkSeed(for: bytes))
        #expect(violations.isEmpty, "\(path): \(violations)")
    }

    /// Inputs a fuzzer once broke the parser with (Fixtures/fuzz-regressions/, each named
    /// for what it broke).
    @Test(arguments: regressionPaths)
    func regressionPassesTheChecks(_ path: String) throws {
        let bytes = try Fixtures.bytes(path)
        for chunkSeed in [SIPParserHarness.chunkSeed(for: bytes), 0, 1, 2, 3] {
            let violations = SIPParserHarness.check(bytes, chunkSeed: chunkSeed)
            #expect(violations.isEmpty, "\(path) (chunk seed \(chunkSeed)): \(violations)")
        }
    }

    @Test func mutantsPassTheChecks() throws {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["DIALTONE_FUZZ_SEED"].flatMap(Self.parseSeed) ?? 0x5EED_0D1A_170E_F022
        let iterations = environment["DIALTONE_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 1_500
        let seconds = environment["DIALTONE_FUZZ_SECONDS"].flatMap { Double($0) }
        let trace = environment["DIALTONE_FUZZ_TRACE"] == "1"
        let corpus = Self.corpus
        try #require(!corpus.isEmpty)

        let clock = ContinuousClock()
        let start = clock.now
        var stats = (run: 0, parsed: 0, accepted: 0, streamMessages: 0, failures: 0)
        var seenChecks: Set<String> = []
        for iteration in 0..<iterations {
            if let seconds, iteration % 64 == 0, clock.now - start > .seconds(seconds) { break }
            // Each iteration has its own generator, so one mutant can be made again alone.
            var mixer = SplitMix64(seed: seed &+ UInt64(iteration))
            var random = SplitMix64(seed: mixer.next())
            let (mutant, operations) = Mutator.mutant(from: corpus, using: &random)
            if trace {
                // Unbuffered, so the line is out before a crash.
                FileHandle.standardError.write(Data("fuzz iteration \(iteration): \(Data(mutant).base64EncodedString())\n".utf8))
            }
            let chunkSeed = random.next()
            let outcome = SIPParserHarness.run(mutant, chunkSeed: chunkSeed)
            stats.run += 1
            if outcome.parsed { stats.parsed += 1 }
            if outcome.accepted { stats.accepted += 1 }
            stats.streamMessages += outcome.streamMessages
            guard let first = outcome.violations.first else { continue }
            stats.failures += 1
            // Report each kind of failure once, minimised; the rest are counted.
            guard seenChecks.insert(first.check).inserted, seenChecks.count <= 8 else { continue }
            let minimal = Self.minimise(mutant, chunkSeed: chunkSeed) { violations in
                violations.contains { $0.check == first.check }
            }
            let minimalViolations = SIPParserHarness.check(minimal, chunkSeed: chunkSeed)
            Issue.record("""
                seed \(Self.hex(seed)), iteration \(iteration), mutations \(operations.map(\.rawValue)): \(first)
                minimised to \(minimal.count) octets (chunk seed \(chunkSeed)): \(minimalViolations.first.map(String.init(describing:)) ?? "?")
                \(Self.swiftLiteral(minimal))
                """)
        }
        let elapsed = clock.now - start
        print("ParserFuzzTests: seed \(Self.hex(seed)): \(stats.run) mutants in \(elapsed): \(stats.parsed) parsed, "
              + "\(stats.accepted) accepted by validate(), \(stats.streamMessages) stream messages, \(stats.failures) failed the checks")
        // The mutants should reach both sides of the parser, or the fuzzing is shallow.
        if stats.run >= 500 {
            #expect(stats.parsed > stats.run / 10, "only \(stats.parsed) of \(stats.run) mutants parsed")
            #expect(stats.parsed < stats.run, "every mutant parsed: the mutator is too gentle")
            #expect(stats.accepted > 0, "no mutant passed validate()")
        }
    }

    @Test func mutatorIsDeterministic() {
        let corpus = Array(Self.corpus.prefix(8))
        func run(_ seed: UInt64) -> [[UInt8]] {
            var random = SplitMix64(seed: seed)
            return (0..<50).map { _ in Mutator.mutant(from: corpus, using: &random).bytes }
        }
        #expect(run(42) == run(42))
        #expect(run(42) != run(43))
    }

    @Test func minimiserKeepsTheFailure() {
        let input = Array("INVITE sip:a@b SIP/2.0\r\nX-Bad: 12345\r\n\r\n".utf8)
        let minimal = Self.minimise(input, attempts: 2_000) { bytes in
            bytes.contains(0x33) && bytes.contains(0x35)
        }
        #expect(minimal == Array("35".utf8))
    }

    // MARK: Minimising

    /// Minimises an input that fails the checks, keeping the failure that `failsTheSameWay`
    /// recognises.
    static func minimise(_ input: [UInt8], chunkSeed: UInt64, attempts: Int = 3_000,
                         failsTheSameWay: ([SIPParserHarness.Violation]) -> Bool) -> [UInt8] {
        minimise(input, attempts: attempts) { bytes in
            failsTheSameWay(SIPParserHarness.check(bytes, chunkSeed: chunkSeed))
        }
    }

    /// Delta debugging: removes ever smaller chunks of the input while `stillFails` holds,
    /// until no single octet can go or `attempts` runs out.
    static func minimise(_ input: [UInt8], attempts: Int, stillFails: ([UInt8]) -> Bool) -> [UInt8] {
        var current = input
        var budget = attempts
        var chunk = max(current.count / 2, 1)
        while budget > 0 {
            var removedAny = false
            var start = 0
            while start < current.count && budget > 0 {
                var candidate = current
                candidate.removeSubrange(start..<min(start + chunk, current.count))
                budget -= 1
                if stillFails(candidate) {
                    current = candidate
                    removedAny = true
                } else {
                    start += chunk
                }
            }
            if chunk == 1 && !removedAny { break }
            chunk = max(chunk / 2, 1)
        }
        return current
    }

    // MARK: Helpers

    static func parseSeed(_ text: String) -> UInt64? {
        text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
    }

    static func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }

    /// The octets as a Swift array literal, to paste into a test.
    static func swiftLiteral(_ bytes: [UInt8]) -> String {
        let items = bytes.map { byte -> String in
            let hex = String(byte, radix: 16, uppercase: true)
            return "0x" + (hex.count == 1 ? "0" + hex : hex)
        }
        var lines: [String] = []
        for row in stride(from: 0, to: items.count, by: 16) {
            lines.append("    " + items[row..<min(row + 16, items.count)].joined(separator: ", ") + ",")
        }
        return "let input: [UInt8] = [\n" + lines.joined(separator: "\n") + "\n]"
    }
}

/// Mutations that reach the corners of a SIP parser: octet-level damage, the characters
/// that delimit SIP syntax, whole lines moved, numbers past every limit, framing lies.
enum Mutator {
    static let maximumSize = 16 * 1024

    enum Operation: String, CaseIterable {
        case flipBit, randomByte, insertByte, deleteBytes, insertDelimiter, overwriteDelimiter
        case duplicateLine, deleteLine, swapLines, foldLine, truncate, splice
        case hugeNumber, contentLength, insertToken, duplicateRange, flipCase
    }

    /// Octets that delimit or break SIP syntax.
    static let delimiters: [UInt8] = [
        0x0D, 0x0A, 0x20, 0x09, 0x00, 0x22, 0x3C, 0x3E, 0x3B, 0x2C, 0x3A, 0x25, 0xFF,
        0x3D, 0x2F, 0x40, 0x5C, 0x28, 0x29, 0x5B, 0x5D, 0x3F, 0x26, 0x2E, 0x7F, 0x80, 0xC3,
    ]

    /// Pieces of SIP that a byte mutator would take long to invent.
    static let tokens: [String] = [
        "\r\n", "\r\n ", "\r\n\t", "\n", "\r", "\r\n\r\n", "SIP/2.0", "SIP/2.0/UDP ", "SIP/3.0", "sip:", "sips:",
        "tel:", "<sip:a@b>", "\"", "\\\"", "\\", ";branch=z9hG4bK", ";branch=", ";rport", ";rport=", ";received=",
        ";ttl=", ";maddr=", ";tag=", ";q=0.5", ";lr", ";duration=", ";cause=", ";text=\"", ";charset=",
        "[::1]", "[2001:db8::1]:5060", ":65535", ":65536", "%00", "%ZZ", "@", "()", "(((", ")", "<", ">", ",", ",,",
        "Via: ", "v: ", "Content-Length: ", "l: ", "Content-Type: ", "c: ", "CSeq: ", "Call-ID: ", "i: ",
        "Max-Forwards: ", "Expires: ", "Retry-After: ", "Warning: ", "Reason: ", "Date: ", "Allow: ", "Supported: ",
        "Require: ", "To: ", "From: ", "f: ", "t: ", "Contact: ", "m: ", "Route: ", "Record-Route: ",
        "WWW-Authenticate: Digest ", "Authorization: Digest ", "Proxy-Authenticate: ",
        "Sat, 13 Nov 2010 23:29:00 GMT", "Mon, 01 Jan 0099 00:00:60 GMT", "370 devnull \"", "SIP ;cause=200",
        "INVITE ", "ACK ", "REGISTER ", "OPTIONS ", "application/sdp", "multipart/mixed;boundary=", "\u{00E9}",
    ]

    static let hugeNumbers: [String] = [
        "0", "00", "000000000000000000000001", "-1", "255", "256", "999", "1000", "65535", "65536",
        "2147483647", "2147483648", "4294967295", "4294967296", "9223372036854775807",
        "9223372036854775808", "18446744073709551615", "18446744073709551616", "99999999999999999999999999999",
    ]

    /// One mutant: a corpus entry with 1–4 (now and then up to 12) mutations.
    static func mutant(from corpus: [[UInt8]], using random: inout SplitMix64) -> (bytes: [UInt8], operations: [Operation]) {
        var bytes = corpus[random.below(corpus.count)]
        let count = random.below(8) == 0 ? 1 + random.below(12) : 1 + random.below(4)
        var operations: [Operation] = []
        for _ in 0..<count {
            let operation = Operation.allCases[random.below(Operation.allCases.count)]
            operations.append(operation)
            apply(operation, to: &bytes, corpus: corpus, using: &random)
            if bytes.count > maximumSize { bytes.removeLast(bytes.count - maximumSize) }
        }
        return (bytes, operations)
    }

    static func apply(_ operation: Operation, to bytes: inout [UInt8], corpus: [[UInt8]], using random: inout SplitMix64) {
        func position() -> Int { random.below(bytes.count + 1) }
        func index() -> Int? { bytes.isEmpty ? nil : random.below(bytes.count) }
        switch operation {
        case .flipBit:
            if let i = index() { bytes[i] ^= 1 << UInt8(random.below(8)) }
        case .randomByte:
            if let i = index() { bytes[i] = UInt8(truncatingIfNeeded: random.next()) }
        case .insertByte:
            bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: position())
        case .deleteBytes:
            if let i = index() {
                let length = random.below(4) == 0 ? 1 + random.below(64) : 1
                bytes.removeSubrange(i..<min(i + length, bytes.count))
            }
        case .insertDelimiter:
            let delimiter = delimiters[random.below(delimiters.count)]
            let repeats = random.below(4) == 0 ? 1 + random.below(16) : 1
            bytes.insert(contentsOf: repeatElement(delimiter, count: repeats), at: position())
        case .overwriteDelimiter:
            if let i = index() { bytes[i] = delimiters[random.below(delimiters.count)] }
        case .duplicateLine, .deleteLine, .swapLines, .foldLine:
            mutateLines(operation, &bytes, using: &random)
        case .truncate:
            if !bytes.isEmpty { bytes.removeSubrange(random.below(bytes.count)...) }
        case .splice:
            let other = corpus[random.below(corpus.count)]
            let cut = position()
            let otherCut = random.below(other.count + 1)
            bytes = Array(bytes[..<cut]) + Array(other[otherCut...])
        case .hugeNumber:
            let runs = digitRuns(bytes)
            if !runs.isEmpty {
                let run = runs[random.below(runs.count)]
                switch random.below(8) {
                case 0:
                    // Leading zeros: the same number, written longer (070, 005060).
                    bytes.insert(contentsOf: repeatElement(0x30, count: 1 + random.below(3)), at: run.lowerBound)
                case 1:
                    // A smaller number in the same width (2010 → 0010, 5060 → 0060).
                    let zeros = run.count > 1 ? 1 + random.below(run.count - 1) : 1
                    bytes.replaceSubrange(run.lowerBound..<(run.lowerBound + zeros), with: repeatElement(0x30, count: zeros))
                default:
                    bytes.replaceSubrange(run, with: Array(hugeNumbers[random.below(hugeNumbers.count)].utf8))
                }
            } else {
                bytes.insert(contentsOf: Array(hugeNumbers[random.below(hugeNumbers.count)].utf8), at: position())
            }
        case .contentLength:
            mutateContentLength(&bytes, using: &random)
        case .insertToken:
            bytes.insert(contentsOf: Array(tokens[random.below(tokens.count)].utf8), at: position())
        case .duplicateRange:
            if let i = index() {
                let length = 1 + random.below(min(256, bytes.count - i))
                bytes.insert(contentsOf: Array(bytes[i..<(i + length)]), at: position())
            }
        case .flipCase:
            if let i = index() {
                for j in i..<min(i + 1 + random.below(16), bytes.count) where (bytes[j] | 0x20) >= 0x61 && (bytes[j] | 0x20) <= 0x7A {
                    bytes[j] ^= 0x20
                }
            }
        }
    }

    /// The lines of `bytes`, each with its LF.
    static func lines(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for (i, byte) in bytes.enumerated() where byte == 0x0A {
            ranges.append(start..<(i + 1))
            start = i + 1
        }
        if start < bytes.count { ranges.append(start..<bytes.count) }
        return ranges
    }

    static func mutateLines(_ operation: Operation, _ bytes: inout [UInt8], using random: inout SplitMix64) {
        let ranges = lines(bytes)
        guard !ranges.isEmpty else { return }
        let a = ranges[random.below(ranges.count)]
        switch operation {
        case .duplicateLine:
            bytes.insert(contentsOf: Array(bytes[a]), at: [a.lowerBound, a.upperBound][random.below(2)])
        case .deleteLine:
            bytes.removeSubrange(a)
        case .swapLines:
            let b = ranges[random.below(ranges.count)]
            guard a != b else { return }
            let (first, second) = a.lowerBound < b.lowerBound ? (a, b) : (b, a)
            let swapped = Array(bytes[second]) + Array(bytes[first.upperBound..<second.lowerBound]) + Array(bytes[first])
            bytes.replaceSubrange(first.lowerBound..<second.upperBound, with: swapped)
        default:   // foldLine: break a line at a space or anywhere into a continuation
            let spaces = a.filter { bytes[$0] == 0x20 }
            let at = spaces.isEmpty ? a.lowerBound + random.below(a.count) : spaces[random.below(spaces.count)]
            let folds: [[UInt8]] = [[0x0D, 0x0A, 0x20], [0x0D, 0x0A, 0x09], [0x0A, 0x20], [0x0D, 0x0A, 0x20, 0x20, 0x09]]
            bytes.insert(contentsOf: folds[random.below(folds.count)], at: at)
        }
    }

    static func digitRuns(_ bytes: [UInt8]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start: Int?
        for (i, byte) in bytes.enumerated() {
            let isDigit = byte >= 0x30 && byte <= 0x39
            if isDigit && start == nil { start = i }
            if !isDigit, let s = start { runs.append(s..<i); start = nil }
        }
        if let s = start { runs.append(s..<bytes.count) }
        return runs
    }

    /// Lies about the body: a Content-Length too small, too large, negative, huge, empty,
    /// repeated, or missing.
    static func mutateContentLength(_ bytes: inout [UInt8], using random: inout SplitMix64) {
        let ranges = lines(bytes)
        let original = bytes
        func isContentLength(_ range: Range<Int>) -> Bool {
            let line = original[range].prefix(16).map { $0 | 0x20 }
            return line.starts(with: Array("content-length".utf8)) || line.starts(with: Array("l:".utf8)) || line.starts(with: Array("l :".utf8))
        }
        let values = ["0", "1", "-1", "-0", "", " ", "4294967296", "2147483648", "2147483647", "99999999999999999999",
                      "1a", "0x10", "1 2", "\(bytes.count)", "\(max(0, bytes.count / 3))", "\(random.below(4096))"]
        let value = values[random.below(values.count)]
        if let line = ranges.first(where: isContentLength), random.below(4) != 0 {
            switch random.below(3) {
            case 0: bytes.removeSubrange(line)
            case 1: bytes.insert(contentsOf: Array(bytes[line]), at: line.upperBound)
            default:
                let colon = bytes[line].firstIndex(of: 0x3A) ?? line.lowerBound
                var end = line.upperBound
                while end > colon + 1 && (bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D) { end -= 1 }
                bytes.replaceSubrange((colon + 1)..<end, with: Array(" \(value)".utf8))
            }
        } else {
            let at = ranges.count > 1 ? ranges[1 + random.below(ranges.count - 1)].lowerBound : bytes.count
            bytes.insert(contentsOf: Array("Content-Length: \(value)\r\n".utf8), at: at)
        }
    }
}
