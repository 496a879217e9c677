/// Checks the attributes Dialtone interprets, so a malformed one fails parsing with its line
/// number instead of being silently ignored later.
enum SDPAttributeCheck {
    static func problem(in attribute: SDPAttribute) -> SDPFieldProblem? {
        let value = Substring(attribute.value ?? "")
        switch attribute.name {
        case "rtpmap":
            if case .failure(let problem) = SDPRTPMap.parse(value) { return problem }
        case "fmtp":
            if SDPText.fields(value).first == nil {
                return SDPFieldProblem("a=fmtp needs \"<format> <parameters>\"")
            }
        case "ptime":
            if SDPMediaAttributes.milliseconds(value) == nil {
                return SDPFieldProblem("a=ptime \"\(value)\" is not a number of milliseconds")
            }
        case "rtcp":
            if case .failure(let problem) = SDPRTCPAttribute.parse(value) { return problem }
        case "crypto":
            if case .failure(let problem) = SDPCrypto.parse(value) { return problem }
        default:
            break
        }
        return nil
    }
}
