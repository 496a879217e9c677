/// One media section (`m=` and the lines up to the next `m=`): a stream the description offers,
/// accepts or declines (port 0).
public struct MediaDescription: Sendable, Equatable {
    /// The `m=` line's fields and the text it was read as.
    var mediaLine: SDPMediaLine
    /// The lines after `m=`, in order.
    var lines: [SDPMediaSectionLine]

    public init(
        media: String,
        port: Int,
        portCount: Int? = nil,
        proto: String,
        formats: [String],
        connection: SDPConnection? = nil,
        bandwidths: [SDPBandwidth] = [],
        attributes: [SDPAttribute] = []
    ) {
        mediaLine = SDPMediaLine(
            fields: SDPMediaLine.Fields(media: media, port: port, portCount: portCount, proto: proto, formats: formats))
        lines = []
        if let connection { lines.append(.connection(connection, text: "c=\(connection.sdpValue)")) }
        for bandwidth in bandwidths { lines.append(.bandwidth(bandwidth, text: "b=\(bandwidth.sdpValue)")) }
        for attribute in attributes { lines.append(.attribute(attribute, text: "a=\(attribute.sdpValue)")) }
    }

    init(mediaLine: SDPMediaLine, lines: [SDPMediaSectionLine]) {
        self.mediaLine = mediaLine
        self.lines = lines
    }

    /// "audio", "video", "application", …
    public var media: String {
        get { mediaLine.fields.media }
        set { mediaLine.update { $0.media = newValue } }
    }

    /// The RTP port; 0 declines or disables the stream (RFC 3264 §6, §8.2).
    public var port: Int {
        get { mediaLine.fields.port }
        set { mediaLine.update { $0.port = newValue } }
    }

    /// The `/n` after the port: several consecutive ports (layered multicast).
    public var portCount: Int? {
        get { mediaLine.fields.portCount }
        set { mediaLine.update { $0.portCount = newValue } }
    }

    /// The transport: "RTP/AVP", "RTP/SAVP", "UDP/TLS/RTP/SAVPF", …
    public var proto: String {
        get { mediaLine.fields.proto }
        set { mediaLine.update { $0.proto = newValue } }
    }

    /// The formats; for RTP, payload type numbers in the sender's preference order.
    public var formats: [String] {
        get { mediaLine.fields.formats }
        set { mediaLine.update { $0.formats = newValue } }
    }

    /// The section's own `c=` (the session's applies when nil).
    public var connection: SDPConnection? {
        get { lines.lazy.compactMap(\.connection).first }
        set {
            var all = lines.compactMap(\.connection)
            if let newValue {
                if all.isEmpty { all = [newValue] } else { all[0] = newValue }
            } else {
                all = []
            }
            SDPLineEditor.replace(
                in: &lines, values: all, extract: \.connection,
                make: { .connection($0, text: "c=\($0.sdpValue)") }, rank: \.rank)
        }
    }

    /// The section's `b=` lines in order.
    public var bandwidths: [SDPBandwidth] {
        get { lines.compactMap(\.bandwidth) }
        set {
            SDPLineEditor.replace(
                in: &lines, values: newValue, extract: \.bandwidth,
                make: { .bandwidth($0, text: "b=\($0.sdpValue)") }, rank: \.rank)
        }
    }

    /// The section's `a=` lines in order.
    public var attributes: [SDPAttribute] {
        get { lines.compactMap(\.attribute) }
        set {
            SDPLineEditor.replace(
                in: &lines, values: newValue, extract: \.attribute,
                make: { .attribute($0, text: "a=\($0.sdpValue)") }, rank: \.rank)
        }
    }

    /// Lines in the section Dialtone does not interpret (`i=`, `k=`, unknown letters), in order.
    public var otherLines: [SDPOtherLine] {
        lines.compactMap { if case .other(let line) = $0 { line } else { nil } }
    }

    func write(to text: inout String) {
        text += mediaLine.text
        text += "\r\n"
        for line in lines {
            text += line.text
            text += "\r\n"
        }
    }
}
