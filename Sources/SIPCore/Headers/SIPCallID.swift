/// `Call-ID: word [ "@" word ]` — compared octet by octet, case-sensitive.
public struct SIPCallID: SIPHeaderValue, Hashable, CustomStringConvertible {
    public var value: String
    public init(_ value: String) { self.value = value }
    public var description: String { value }

    public static func parseElement(_ scanner: inout ByteScanner) throws(SIPSyntaxError) -> SIPCallID {
        let start = scanner.position
        guard scanner.scan(.word) != nil else {
            throw scanner.error("the Call-ID is empty or starts with \(scanner.peek().map(ByteScanner.describe) ?? "nothing")")
        }
        if scanner.consume(.at) {
            guard scanner.scan(.word) != nil else {
                throw scanner.error("expected a word after '@' in the Call-ID")
            }
        }
        return SIPCallID(scanner.string(start..<scanner.position))
    }
}
