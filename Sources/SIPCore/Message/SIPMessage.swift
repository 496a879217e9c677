/// A SIP request or response: start line, the header lines in order, and the body.
///
/// A parsed message keeps its octets, and every header line points into them; typed
/// headers are parsed only when read. Serializing a parsed message that was not changed
/// gives back the same octets; a changed line is written canonically and the others stay
/// as they were.
public struct SIPMessage: Sendable {
    /// The first line of a request or a response.
    public enum StartLine: Sendable, Equatable {
        case request(method: SIPMethod, uri: String, version: String)
        case response(version: String, statusCode: Int, reasonPhrase: String)
    }

    /// The message's original octets; empty for a message built in code.
    var bytes: [UInt8]
    /// Where the start line lies in `bytes` (including its line break), while unchanged.
    var rawStartLine: Range<Int>?
    var rawHeaderEnd: Int   // offset of the empty line that ends the headers
    var parts: StartLineParts
    var fields: [SIPHeaderField]
    var bodyStorage: BodyStorage

    enum StartLineParts: Sendable {
        /// Offsets into `bytes`.
        case request(method: Range<Int>, uri: Range<Int>, version: Range<Int>)
        case response(version: Range<Int>, status: Int, reason: Range<Int>)
        case built(StartLine)
    }

    enum BodyStorage: Sendable {
        case parsed(Range<Int>)
        case built([UInt8])
    }

    init(bytes: [UInt8], rawStartLine: Range<Int>, rawHeaderEnd: Int, parts: StartLineParts,
         fields: [SIPHeaderField], body: Range<Int>) {
        self.bytes = bytes
        self.rawStartLine = rawStartLine
        self.rawHeaderEnd = rawHeaderEnd
        self.parts = parts
        self.fields = fields
        self.bodyStorage = .parsed(body)
    }

    /// A message built in code; `serialized()` writes it canonically, with a
    /// Content-Length that matches the body unless one was given.
    public init(startLine: StartLine, headers: [SIPHeaderField] = [], body: [UInt8] = []) {
        self.bytes = []
        self.rawStartLine = nil
        self.rawHeaderEnd = 0
        self.parts = .built(startLine)
        self.fields = headers
        self.bodyStorage = .built(body)
    }

    public static func request(_ method: SIPMethod, uri: String, headers: [SIPHeaderField] = [], body: [UInt8] = []) -> SIPMessage {
        SIPMessage(startLine: .request(method: method, uri: uri, version: "SIP/2.0"), headers: headers, body: body)
    }

    public static func response(_ statusCode: Int, reasonPhrase: String? = nil, headers: [SIPHeaderField] = [], body: [UInt8] = []) -> SIPMessage {
        let reason = reasonPhrase ?? SIPMessage.defaultReasonPhrase(for: statusCode)
        return SIPMessage(startLine: .response(version: "SIP/2.0", statusCode: statusCode, reasonPhrase: reason), headers: headers, body: body)
    }

    // MARK: Start line

    public var startLine: StartLine {
        switch parts {
        case let .request(method, uri, version):
            .request(method: SIPMethod(text(method)), uri: text(uri), version: text(version))
        case let .response(version, status, reason):
            .response(version: text(version), statusCode: status, reasonPhrase: text(reason))
        case let .built(line):
            line
        }
    }

    public var isRequest: Bool {
        switch parts {
        case .request: true
        case .response: false
        case let .built(line): if case .request = line { true } else { false }
        }
    }

    public var isResponse: Bool { !isRequest }

    /// The request method; nil for a response.
    public var method: SIPMethod? {
        switch parts {
        case let .request(method, _, _): SIPMethod(text(method))
        case let .built(.request(method, _, _)): method
        default: nil
        }
    }

    /// The Request-URI as written; nil for a response.
    public var requestURIText: String? {
        switch parts {
        case let .request(_, uri, _): text(uri)
        case let .built(.request(_, uri, _)): uri
        default: nil
        }
    }

    /// The status code; nil for a request.
    public var statusCode: Int? {
        switch parts {
        case let .response(_, status, _): status
        case let .built(.response(_, status, _)): status
        default: nil
        }
    }

    /// The reason phrase; nil for a request.
    public var reasonPhrase: String? {
        switch parts {
        case let .response(_, _, reason): text(reason)
        case let .built(.response(_, _, reason)): reason
        default: nil
        }
    }

    /// "SIP/2.0" for every message this stack accepts; kept as written.
    public var version: String {
        switch parts {
        case let .request(_, _, version), let .response(version, _, _): text(version)
        case let .built(.request(_, _, version)), let .built(.response(version, _, _)): version
        }
    }

    public mutating func setStartLine(_ line: StartLine) {
        parts = .built(line)
        rawStartLine = nil
    }

    // MARK: Headers

    /// Every header line, in order, as (name as written, value with folds removed).
    public var headers: [(name: String, value: String)] {
        fields.map { field in
            (field.name(in: bytes), String(decoding: field.valueBytes(in: bytes), as: UTF8.self))
        }
    }

    /// The raw value octets of each header line, in order (for values that are not UTF-8).
    public var headerValueBytes: [[UInt8]] {
        fields.map { $0.valueBytes(in: bytes) }
    }

    public var headerCount: Int { fields.count }

    /// Values of every line called `name` (long, compact or extension name), in order.
    /// List headers are not split: one entry per line.
    public func values(_ name: String) -> [String] {
        let kind = SIPHeaderName(name)
        return fields.filter { $0.hasName(name, kind: kind, in: bytes) }
            .map { String(decoding: $0.valueBytes(in: bytes), as: UTF8.self) }
    }

    public func values(_ kind: SIPHeaderName) -> [String] {
        fields.filter { $0.kind == kind }
            .map { String(decoding: $0.valueBytes(in: bytes), as: UTF8.self) }
    }

    /// The value of the first line called `name`.
    public func value(_ name: String) -> String? { values(name).first }
    public func value(_ kind: SIPHeaderName) -> String? {
        guard let field = fields.first(where: { $0.kind == kind }) else { return nil }
        return String(decoding: field.valueBytes(in: bytes), as: UTF8.self)
    }

    /// How many lines carry `kind`.
    public func count(of kind: SIPHeaderName) -> Int {
        var n = 0
        for field in fields where field.kind == kind { n += 1 }
        return n
    }

    /// Appends a header line.
    public mutating func append(_ name: String, _ value: String) {
        fields.append(SIPHeaderField(name: name, value: value))
    }

    /// Inserts a header line before every other line of that name (a new top Via), or
    /// at the end when there is none.
    public mutating func prepend(_ name: String, _ value: String) {
        let field = SIPHeaderField(name: name, value: value)
        if let index = fields.firstIndex(where: { $0.hasName(name, kind: field.kind, in: bytes) }) {
            fields.insert(field, at: index)
        } else {
            fields.append(field)
        }
    }

    /// Replaces every line called `name` with one line holding `value`, where the first
    /// of them stood (or at the end).
    public mutating func set(_ name: String, _ value: String) {
        let field = SIPHeaderField(name: name, value: value)
        if let index = fields.firstIndex(where: { $0.hasName(name, kind: field.kind, in: bytes) }) {
            fields[index] = field
            var i = fields.count - 1
            while i > index {
                if fields[i].hasName(name, kind: field.kind, in: bytes) { fields.remove(at: i) }
                i -= 1
            }
        } else {
            fields.append(field)
        }
    }

    /// Removes every line called `name`.
    public mutating func remove(_ name: String) {
        let kind = SIPHeaderName(name)
        fields.removeAll { $0.hasName(name, kind: kind, in: bytes) }
    }

    /// Removes the first line called `name` (the top Via of a response being forwarded).
    public mutating func removeFirst(_ name: String) {
        let kind = SIPHeaderName(name)
        if let index = fields.firstIndex(where: { $0.hasName(name, kind: kind, in: bytes) }) {
            fields.remove(at: index)
        }
    }

    // MARK: Body

    public var body: [UInt8] {
        get {
            switch bodyStorage {
            case let .parsed(range): Array(bytes[range])
            case let .built(body): body
            }
        }
        set {
            bodyStorage = .built(newValue)
            // Keep the framing true: a message that states its length states the new one.
            if count(of: .contentLength) > 0 { set("Content-Length", String(newValue.count)) }
        }
    }

    public var bodyCount: Int {
        switch bodyStorage {
        case let .parsed(range): range.count
        case let .built(body): body.count
        }
    }

    // MARK: Helpers

    @inline(__always)
    func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    /// The registered reason phrase for a status code (empty for codes the IANA registry
    /// does not list).
    public static func defaultReasonPhrase(for code: Int) -> String {
        SIPStatusCatalog.registeredEntry(for: code)?.reasonPhrase ?? ""
    }
}

extension SIPMessage {
    /// Replaces the top Via entry only (stamping `received`/`rport` on receipt, or a
    /// proxy's own Via): the rest of its line keeps its octets, and the other Via lines
    /// and every other header stay as they were. With no Via, `via` becomes the first line.
    public mutating func replaceTopVia(with via: SIPVia) {
        guard let index = fields.firstIndex(where: { $0.kind == .via }) else {
            fields.insert(SIPHeaderField(name: "Via", value: via.description), at: 0)
            return
        }
        let (buffer, range) = fields[index].valueLocation(in: bytes)
        let scanner = ByteScanner(buffer, from: range.lowerBound, to: range.upperBound)
        var value = via.description
        if let comma = scanner.nextTopLevel(.comma) {
            value += "," + String(decoding: buffer[(comma + 1)..<range.upperBound], as: UTF8.self)
        }
        fields[index] = SIPHeaderField(name: fields[index].name(in: bytes), value: value)
    }
}
