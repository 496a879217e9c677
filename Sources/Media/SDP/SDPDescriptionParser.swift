/// The line-by-line reader behind `SessionDescription(parsing:)`.
enum SDPDescriptionParser {
    static func parse(_ text: String) throws(SDPParseError) -> SessionDescription {
        let rawLines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        var lines: [Substring] = rawLines.map { raw in
            var line = Substring(raw)
            if line.utf8.last == UInt8(ascii: "\r") { line = Substring(line.utf8.dropLast()) }
            return line
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        guard !lines.isEmpty else { throw SDPParseError(line: 0, kind: .empty) }

        var session: [SDPSessionLine] = []
        var media: [MediaDescription] = []
        var current: (line: SDPMediaLine, lines: [SDPMediaSectionLine])?

        for (index, line) in lines.enumerated() {
            let number = index + 1
            guard !line.isEmpty else { throw SDPParseError(line: number, kind: .emptyLine) }
            for byte in line.utf8 where (byte < 0x20 && byte != 0x09) || byte == 0x7F {
                throw SDPParseError(line: number, kind: .controlCharacter)
            }
            let bytes = line.utf8
            let typeByte = bytes[bytes.startIndex]
            guard line.utf8.count >= 2, typeByte >= UInt8(ascii: "a"), typeByte <= UInt8(ascii: "z"),
                bytes[bytes.index(after: bytes.startIndex)] == UInt8(ascii: "=")
            else { throw SDPParseError(line: number, kind: .notTypeEqualsValue) }
            let type = Character(Unicode.Scalar(typeByte))
            let value = Substring(bytes.dropFirst(2))
            let text = String(line)

            // RFC 8866 §5: v=, o=, s= open every description, in that order.
            let expected: [Character] = ["v", "o", "s"]
            if index < 3 {
                guard type == expected[index] else {
                    throw SDPParseError(line: number, kind: .expectedLine("\(expected[index])="))
                }
            } else if expected.contains(type) {
                let kind: SDPParseError.Kind =
                    current == nil ? .duplicateLine("\(type)=") : .misplacedLine("\(type)=")
                throw SDPParseError(line: number, kind: kind)
            }

            if type == "m" {
                if let open = current {
                    media.append(MediaDescription(mediaLine: open.line, lines: open.lines))
                }
                guard media.count < SessionDescription.maximumMediaSections else {
                    throw SDPParseError(line: number, kind: .tooManyMediaSections(limit: SessionDescription.maximumMediaSections))
                }
                switch SDPMediaLine.parse(value) {
                case .success(let fields): current = (SDPMediaLine(fields: fields, text: text), [])
                case .failure(let problem): throw SDPParseError(line: number, kind: .malformedMedia(problem.reason))
                }
                continue
            }

            if current != nil {
                let parsed = try mediaSectionLine(type: type, value: value, text: text, number: number)
                current?.lines.append(parsed)
            } else {
                session.append(try sessionLine(type: type, value: value, text: text, number: number))
            }
        }
        if lines.count < 3 {
            let missing = ["v=", "o=", "s="][lines.count]
            throw SDPParseError(line: lines.count + 1, kind: .expectedLine(missing))
        }
        if let open = current { media.append(MediaDescription(mediaLine: open.line, lines: open.lines)) }
        return SessionDescription(sessionLines: session, media: media)
    }

    private static func sessionLine(
        type: Character, value: Substring, text: String, number: Int
    ) throws(SDPParseError) -> SDPSessionLine {
        switch type {
        case "v":
            guard SDPText.trimmed(value) == "0" else {
                throw SDPParseError(line: number, kind: .unsupportedVersion(String(value)))
            }
            return .version(text: text)
        case "o":
            switch SDPOrigin.parse(value) {
            case .success(let origin): return .origin(origin, text: text)
            case .failure(let problem): throw SDPParseError(line: number, kind: .malformedOrigin(problem.reason))
            }
        case "s":
            return .sessionName(String(value))
        case "c":
            return .connection(try connection(value, number: number), text: text)
        case "b":
            return .bandwidth(try bandwidth(value, number: number), text: text)
        case "t":
            switch SDPTiming.parse(value) {
            case .success(let timing): return .timing(timing, text: text)
            case .failure(let problem): throw SDPParseError(line: number, kind: .malformedTiming(problem.reason))
            }
        case "a":
            return .attribute(try attribute(value, number: number), text: text)
        default:
            return .other(SDPOtherLine(type: type, value: String(value)))
        }
    }

    private static func mediaSectionLine(
        type: Character, value: Substring, text: String, number: Int
    ) throws(SDPParseError) -> SDPMediaSectionLine {
        switch type {
        case "t": throw SDPParseError(line: number, kind: .misplacedLine("t="))
        case "c": return .connection(try connection(value, number: number), text: text)
        case "b": return .bandwidth(try bandwidth(value, number: number), text: text)
        case "a": return .attribute(try attribute(value, number: number), text: text)
        default: return .other(SDPOtherLine(type: type, value: String(value)))
        }
    }

    private static func connection(_ value: Substring, number: Int) throws(SDPParseError) -> SDPConnection {
        switch SDPConnection.parse(value) {
        case .success(let connection): return connection
        case .failure(let problem): throw SDPParseError(line: number, kind: .malformedConnection(problem.reason))
        }
    }

    private static func bandwidth(_ value: Substring, number: Int) throws(SDPParseError) -> SDPBandwidth {
        switch SDPBandwidth.parse(value) {
        case .success(let bandwidth): return bandwidth
        case .failure(let problem): throw SDPParseError(line: number, kind: .malformedBandwidth(problem.reason))
        }
    }

    /// Parses the attribute, then checks the ones Dialtone interprets.
    private static func attribute(_ value: Substring, number: Int) throws(SDPParseError) -> SDPAttribute {
        let attribute: SDPAttribute
        switch SDPAttribute.parse(value) {
        case .success(let parsed): attribute = parsed
        case .failure(let problem): throw SDPParseError(line: number, kind: .malformedAttribute(problem.reason))
        }
        if let problem = SDPAttributeCheck.problem(in: attribute) {
            throw SDPParseError(line: number, kind: .malformedAttribute(problem.reason))
        }
        return attribute
    }
}
