/// The `m=` line: its fields, and the text it was read as until a field changes.
struct SDPMediaLine: Sendable, Equatable {
    struct Fields: Sendable, Equatable {
        var media: String
        var port: Int
        var portCount: Int?
        var proto: String
        var formats: [String]

        var sdpValue: String {
            var text = "\(media) \(port)"
            if let portCount { text += "/\(portCount)" }
            text += " \(proto)"
            for format in formats { text += " \(format)" }
            return text
        }
    }

    private(set) var fields: Fields
    private(set) var text: String

    init(fields: Fields) {
        self.fields = fields
        text = "m=\(fields.sdpValue)"
    }

    init(fields: Fields, text: String) {
        self.fields = fields
        self.text = text
    }

    mutating func update(_ change: (inout Fields) -> Void) {
        var changed = fields
        change(&changed)
        guard changed != fields else { return }
        self = SDPMediaLine(fields: changed)
    }

    static func parse(_ value: Substring) -> Result<Fields, SDPFieldProblem> {
        let parts = SDPText.fields(value)
        guard parts.count >= 4 else {
            return .failure(SDPFieldProblem(
                "m= needs \"<media> <port> <proto> <fmt> ...\" with at least one format, got \(parts.count) fields"))
        }
        var portText = parts[1]
        var count: Int?
        if let slash = portText.firstIndex(of: "/") {
            guard let number = SDPText.integer(portText[portText.index(after: slash)...], in: 1...65535) else {
                return .failure(SDPFieldProblem("m= port count in \"\(parts[1])\" is not a number from 1 to 65535"))
            }
            count = number
            portText = portText[..<slash]
        }
        guard let port = SDPText.integer(portText, in: 0...65535) else {
            return .failure(SDPFieldProblem("m= port \"\(parts[1])\" is not a number from 0 to 65535"))
        }
        return .success(Fields(
            media: String(parts[0]), port: port, portCount: count, proto: String(parts[2]),
            formats: parts[3...].map(String.init)))
    }
}
