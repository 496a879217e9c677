/// A session description (RFC 8866): what Dialtone offers or answers, and what it reads from a
/// peer. Lines it does not interpret are kept in place, and every line keeps the text it was
/// read as until its value changes, so an unchanged description serializes back byte for byte.
public struct SessionDescription: Sendable, Equatable, CustomStringConvertible {
    /// Larger bodies are refused before parsing: a peer's bytes must not cost us unbounded work.
    public static let maximumBytes = 64 * 1024
    /// More media sections than this are refused for the same reason.
    public static let maximumMediaSections = 64

    /// Session-level lines in order, `v=` first.
    var sessionLines: [SDPSessionLine]
    /// The media sections (`m=` and the lines after it), in order.
    public var media: [MediaDescription]

    /// A description with `v=0`, `o=`, `s=`, an optional `c=`, `t=` and attributes, in RFC 8866 order.
    public init(
        origin: SDPOrigin,
        sessionName: String = "-",
        connection: SDPConnection? = nil,
        timing: SDPTiming = SDPTiming(),
        bandwidths: [SDPBandwidth] = [],
        attributes: [SDPAttribute] = [],
        media: [MediaDescription] = []
    ) {
        sessionLines = [.version(text: "v=0"), .origin(origin, text: "o=\(origin.sdpValue)"), .sessionName(sessionName)]
        if let connection { sessionLines.append(.connection(connection, text: "c=\(connection.sdpValue)")) }
        for bandwidth in bandwidths { sessionLines.append(.bandwidth(bandwidth, text: "b=\(bandwidth.sdpValue)")) }
        sessionLines.append(.timing(timing, text: "t=\(timing.sdpValue)"))
        for attribute in attributes { sessionLines.append(.attribute(attribute, text: "a=\(attribute.sdpValue)")) }
        self.media = media
    }

    init(sessionLines: [SDPSessionLine], media: [MediaDescription]) {
        self.sessionLines = sessionLines
        self.media = media
    }

    /// Who made the description, and which version of it this is.
    public var origin: SDPOrigin {
        get {
            for line in sessionLines { if case .origin(let origin, _) = line { return origin } }
            return SDPOrigin(username: "-", sessionID: 0, sessionVersion: 0, addrType: "IP4", address: "0.0.0.0")
        }
        set {
            SDPLineEditor.replace(
                in: &sessionLines, values: [newValue],
                extract: { if case .origin(let origin, _) = $0 { return origin } else { return nil } },
                make: { .origin($0, text: "o=\($0.sdpValue)") }, rank: \.rank)
        }
    }

    /// The `s=` text (RFC 4317's examples use a single space; SIP clients often "-").
    public var sessionName: String {
        get {
            for line in sessionLines { if case .sessionName(let name) = line { return name } }
            return ""
        }
        set {
            SDPLineEditor.replace(
                in: &sessionLines, values: [newValue],
                extract: { if case .sessionName(let name) = $0 { return name } else { return nil } },
                make: { .sessionName($0) }, rank: \.rank)
        }
    }

    /// The session-level `c=`, the default for media sections without their own.
    public var connection: SDPConnection? {
        get { sessionLines.lazy.compactMap(\.connection).first }
        set {
            SDPLineEditor.replace(
                in: &sessionLines, values: newValue.map { [$0] } ?? [],
                extract: \.connection, make: { .connection($0, text: "c=\($0.sdpValue)") }, rank: \.rank)
        }
    }

    /// The first `t=` line (SIP uses exactly one, `t=0 0`).
    public var timing: SDPTiming? {
        get {
            for line in sessionLines { if case .timing(let timing, _) = line { return timing } }
            return nil
        }
        set {
            var all: [SDPTiming] = sessionLines.compactMap { if case .timing(let t, _) = $0 { t } else { nil } }
            if let newValue {
                if all.isEmpty { all = [newValue] } else { all[0] = newValue }
            } else {
                all = []
            }
            SDPLineEditor.replace(
                in: &sessionLines, values: all,
                extract: { if case .timing(let timing, _) = $0 { return timing } else { return nil } },
                make: { .timing($0, text: "t=\($0.sdpValue)") }, rank: \.rank)
        }
    }

    /// Session-level `b=` lines in order.
    public var bandwidths: [SDPBandwidth] {
        get { sessionLines.compactMap(\.bandwidth) }
        set {
            SDPLineEditor.replace(
                in: &sessionLines, values: newValue, extract: \.bandwidth,
                make: { .bandwidth($0, text: "b=\($0.sdpValue)") }, rank: \.rank)
        }
    }

    /// Session-level `a=` lines in order.
    public var attributes: [SDPAttribute] {
        get { sessionLines.compactMap(\.attribute) }
        set {
            SDPLineEditor.replace(
                in: &sessionLines, values: newValue, extract: \.attribute,
                make: { .attribute($0, text: "a=\($0.sdpValue)") }, rank: \.rank)
        }
    }

    /// Session-level lines Dialtone does not interpret, in order.
    public var otherLines: [SDPOtherLine] {
        sessionLines.compactMap { if case .other(let line) = $0 { line } else { nil } }
    }

    /// The description as sent on the wire: every line ends in CRLF.
    public var text: String {
        var result = ""
        for line in sessionLines {
            result += line.text
            result += "\r\n"
        }
        for section in media { section.write(to: &result) }
        return result
    }

    /// `text` as UTF-8 bytes, for a SIP body.
    public var bytes: [UInt8] { Array(text.utf8) }

    public var description: String { text }

    /// The `c=` that applies to a media section: its own, else the session's (RFC 8866 §5.7).
    public func connection(for section: MediaDescription) -> SDPConnection? {
        section.connection ?? connection
    }

    /// The direction that applies to a media section: its own attribute, else the session's,
    /// else sendrecv (RFC 3264 §5.1).
    public func direction(for section: MediaDescription) -> MediaDirection {
        section.direction ?? MediaDirection(attributes: attributes) ?? .sendrecv
    }
}
