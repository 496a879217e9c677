/// Why a session description could not be read, and on which line: the caller answers an offer
/// it cannot read with 488 (or 400) and shows this text.
public struct SDPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem; the associated text gives the detail.
    public enum Kind: Sendable, Equatable {
        /// The body is larger than `SessionDescription.maximumBytes`.
        case tooLarge(bytes: Int)
        /// More `m=` sections than `SessionDescription.maximumMediaSections`.
        case tooManyMediaSections(limit: Int)
        /// The body is not valid UTF-8.
        case invalidUTF8
        /// The body has no lines at all.
        case empty
        /// An empty line before the end of the description.
        case emptyLine
        /// A control character (other than tab) inside a line, such as a lone CR or a NUL.
        case controlCharacter
        /// The line is not `<lowercase letter>=<value>`.
        case notTypeEqualsValue
        /// The first three lines must be `v=`, `o=`, `s=` (RFC 8866 §5); names the line expected.
        case expectedLine(String)
        /// A line that may appear once appears again (`v=`, `o=`, `s=`).
        case duplicateLine(String)
        /// A session-only line (`v=`, `o=`, `s=`, `t=`) inside a media section.
        case misplacedLine(String)
        /// `v=` is not 0.
        case unsupportedVersion(String)
        case malformedOrigin(String)
        case malformedConnection(String)
        case malformedBandwidth(String)
        case malformedTiming(String)
        case malformedMedia(String)
        /// An attribute Dialtone reads (`rtpmap`, `fmtp`, `ptime`, `rtcp`, `crypto`) is malformed.
        case malformedAttribute(String)
    }

    /// 1-based line number; 0 when the problem is the body as a whole.
    public var line: Int
    public var kind: Kind

    public init(line: Int, kind: Kind) {
        self.line = line
        self.kind = kind
    }

    public var description: String {
        let what: String
        switch kind {
        case .tooLarge(let bytes):
            what = "the session description is \(bytes) bytes, more than the \(SessionDescription.maximumBytes) accepted"
        case .tooManyMediaSections(let limit):
            what = "more than \(limit) media sections"
        case .invalidUTF8: what = "the session description is not valid UTF-8"
        case .empty: what = "the session description is empty"
        case .emptyLine: what = "empty line inside the session description"
        case .controlCharacter: what = "control character inside the line"
        case .notTypeEqualsValue: what = "expected \"<type>=<value>\" with a lowercase type letter"
        case .expectedLine(let type): what = "expected the \(type) line here"
        case .duplicateLine(let type): what = "a second \(type) line"
        case .misplacedLine(let type): what = "\(type) line inside a media section"
        case .unsupportedVersion(let value): what = "unsupported SDP version \"\(value)\" (only v=0 exists)"
        case .malformedOrigin(let reason), .malformedConnection(let reason), .malformedBandwidth(let reason),
            .malformedTiming(let reason), .malformedMedia(let reason), .malformedAttribute(let reason):
            what = reason
        }
        return line > 0 ? "SDP line \(line): \(what)" : "SDP: \(what)"
    }
}
