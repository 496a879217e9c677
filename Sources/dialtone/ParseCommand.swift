import ArgumentParser
import SIPCore

/// `dialtone parse`: read SIP messages from files (or stdin) and say whether each is
/// valid, what it is, and — when a user agent must refuse it — which response it would
/// send and why.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse SIP messages and report whether each is valid.",
        discussion: """
        Each FILE holds one message, read as a datagram (octets after the body that \
        Content-Length announces are ignored). With no FILE, standard input is read; \
        --stream reads it as a TCP stream of several messages framed by Content-Length.
        Exit status: 0 when every message is valid, 1 when any is not, 2 for usage errors.
        """
    )

    @Flag(name: .long, help: "One JSON object per message, one per line.")
    var json = false

    @Flag(name: .long, help: "Read the input as a stream of messages (TCP framing).")
    var stream = false

    @Argument(help: "Files with one SIP message each (standard input when none).")
    var files: [String] = []

    func run() throws {
        var allValid = true
        var sources: [(name: String, bytes: [UInt8])] = []
        do throws(FileInput.ReadError) {
            if files.isEmpty {
                sources.append(("<stdin>", try FileInput.readStandardInput()))
            } else {
                for path in files { sources.append((path, try FileInput.read(path: path))) }
            }
        } catch {
            printError("dialtone parse: \(error)")
            throw ExitCode(2)
        }

        for source in sources {
            for report in reports(for: source.bytes, streaming: stream) {
                if !report.isValid { allValid = false }
                print(json ? report.json(source: source.name) : report.summary(source: source.name))
            }
        }
        if !allValid { throw ExitCode(1) }
    }

    func reports(for bytes: [UInt8], streaming: Bool) -> [MessageReport] {
        guard streaming else {
            do throws(SIPParseError) {
                return [MessageReport(message: try SIPMessageParser.parse(bytes))]
            } catch {
                return [MessageReport(parseError: error, looksLikeRequest: !bytes.starts(with: Array("SIP/".utf8)))]
            }
        }
        var parser = SIPStreamParser(maximumMessageSize: max(65_535, bytes.count))
        parser.feed(bytes)
        var reports: [MessageReport] = []
        while true {
            do throws(SIPParseError) {
                guard let event = try parser.next() else { break }
                if case let .message(message) = event { reports.append(MessageReport(message: message)) }
            } catch {
                reports.append(MessageReport(parseError: error, looksLikeRequest: true))
                break
            }
        }
        if parser.bufferedCount > 0 && reports.last?.parseError == nil {
            reports.append(MessageReport(
                parseError: SIPParseError(reason: "the stream ends inside a message (\(parser.bufferedCount) octets left over)",
                                          line: 1, column: 1, offset: 0),
                looksLikeRequest: true))
        }
        return reports
    }
}

/// What `parse` says about one message.
struct MessageReport {
    var message: SIPMessage?
    var parseError: SIPParseError?
    var failure: SIPValidationFailure?
    var looksLikeRequest = true

    init(message: SIPMessage) {
        self.message = message
        self.failure = message.validate()
    }

    init(parseError: SIPParseError, looksLikeRequest: Bool) {
        self.parseError = parseError
        self.looksLikeRequest = looksLikeRequest
    }

    var isValid: Bool { parseError == nil && failure == nil }

    /// The response a UAS would answer with: 400 for a request it cannot parse; a
    /// response that cannot be parsed is dropped (nil).
    var responseCode: Int? {
        if let failure { return failure.statusCode }
        if parseError != nil { return looksLikeRequest ? 400 : nil }
        return nil
    }

    func json(source: String) -> String {
        var members: [(String, JSON)] = [("valid", .bool(isValid))]
        if let message {
            members.append(("kind", .string(message.isRequest ? "request" : "response")))
            members.append(("method", message.method.map { .string($0.rawValue) } ?? .null))
            members.append(("uri", message.requestURIText.map { .string($0) } ?? .null))
            members.append(("status", message.statusCode.map { .int($0) } ?? .null))
            members.append(("reason", message.reasonPhrase.map { .string($0) } ?? .null))
            let values = message.headerValueBytes
            let headers: [JSON] = message.headers.enumerated().map { index, header in
                var fields: [(String, JSON)] = [("name", .string(header.name)), ("value", .string(header.value))]
                if !isUTF8(values[index]) {
                    fields.append(("value_hex", .string(hex(values[index]))))
                }
                return .object(fields)
            }
            members.append(("headers", .array(headers)))
            members.append(("body_length", .int(message.bodyCount)))
            if isValid {
                let advice = message.advisories().map { note -> JSON in
                    .object([("response_code", note.statusCode.map { .int($0) } ?? .null), ("text", .string(note.text))])
                }
                if !advice.isEmpty { members.append(("advice", .array(advice))) }
            }
        }
        if let error = parseError ?? failure.map({ SIPParseError(reason: $0.reason, line: $0.line, column: $0.column, offset: 0) }) {
            members.append(("error", .string(error.reason)))
            members.append(("line", .int(error.line)))
            members.append(("column", .int(error.column)))
        }
        if let code = responseCode {
            members.append(("response_code", .int(code)))
            members.append(("response_reason", .string(SIPMessage.defaultReasonPhrase(for: code))))
        } else if parseError != nil {
            members.append(("response_code", .null))
            members.append(("action", .string("drop: a response that cannot be parsed is discarded")))
        }
        members.append(("source", .string(source)))
        return JSON.object(members).serialized
    }

    func summary(source: String) -> String {
        var lines: [String] = []
        if let message {
            let what: String
            if let method = message.method {
                what = "\(method) \(message.requestURIText ?? "")"
            } else {
                what = "\(message.statusCode ?? 0) \(message.reasonPhrase ?? "")"
            }
            lines.append("\(source): \(isValid ? "valid" : "INVALID") \(message.isRequest ? "request" : "response") \(what)")
            var facts: [String] = []
            if let callID = message.callID { facts.append("Call-ID \(callID)") }
            if let cseq = message.cseq { facts.append("CSeq \(cseq)") }
            if let via = message.topVia { facts.append("Via \(via.transport) \(via.sentBy)\(via.branch.map { " branch \($0)" } ?? "")") }
            facts.append("\(message.headerCount) header line\(message.headerCount == 1 ? "" : "s")")
            facts.append("body \(message.bodyCount) octet\(message.bodyCount == 1 ? "" : "s")")
            lines.append("    " + facts.joined(separator: " · "))
            if let code = message.statusCode, let entry = SIPStatusCatalog.entry(for: code) {
                lines.append("    \(code): \(entry.summary)")
                if (300..<400).contains(code) {
                    let targets = message.contacts.filter { $0.address != nil }
                    lines.append(targets.isEmpty
                        ? "    no usable Contact: there is nowhere to retry"
                        : "    retry at: " + targets.map { "\($0.address!.uri)\($0.q.map { " (q=\($0))" } ?? "")" }.joined(separator: ", "))
                }
                for challenge in (code == 407 ? message.proxyAuthenticate : message.wwwAuthenticate) {
                    var parts = [challenge.scheme]
                    if let realm = challenge.realm { parts.append("realm \"\(realm)\"") }
                    if challenge.isDigest { parts.append("algorithm \(challenge.algorithmName ?? "MD5")") }
                    if let qop = challenge.qopOptions { parts.append("qop \(qop.joined(separator: ","))") }
                    if challenge.stale { parts.append("stale") }
                    lines.append("    challenge: " + parts.joined(separator: " "))
                }
            }
        } else {
            lines.append("\(source): INVALID (cannot be parsed)")
        }
        if let message, isValid {
            for note in message.advisories() {
                lines.append("    note: " + (note.statusCode.map { "\($0) — " } ?? "") + note.text)
            }
        }
        if let error = parseError {
            lines.append("    line \(error.line), column \(error.column): \(error.reason)")
        } else if let failure {
            lines.append("    line \(failure.line), column \(failure.column): \(failure.reason)")
        }
        if let code = responseCode {
            lines.append("    a UAS answers \(code) \(SIPMessage.defaultReasonPhrase(for: code))")
        } else if parseError != nil {
            lines.append("    a UAC drops a response it cannot parse")
        }
        return lines.joined(separator: "\n")
    }

    private func isUTF8(_ bytes: [UInt8]) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    private func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        var out = ""
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
        }
        return out
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// Writes a line to standard error (unbuffered, so it interleaves correctly with stdout).
func printError(_ text: String) {
    let line = Array((text + "\n").utf8)
    line.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = write(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
            if written <= 0 { return }
            offset += written
        }
    }
}
