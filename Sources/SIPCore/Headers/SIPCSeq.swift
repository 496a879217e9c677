/// `CSeq: 4711 INVITE` — orders requests within a dialog and ties responses to them.
public struct SIPCSeq: SIPHeaderValue, Hashable, CustomStringConvertible {
    public var sequence: UInt32
    public var method: SIPMethod

    public init(_ sequence: UInt32, _ method: SIPMethod) {
        self.sequence = sequence
        self.method = method
    }

    public var description: String { "\(sequence) \(method.rawValue)" }

    public static func parseElement(_ scanner: inout ByteScanner) throws(SIPSyntaxError) -> SIPCSeq {
        // RFC 3261 §8.1.1.5: the sequence number fits in 32 bits.
        let number = try scanner.requireNumber("the CSeq number", maximum: UInt64(UInt32.max))
        let beforeSpace = scanner.position
        scanner.skipLWS()
        guard scanner.position > beforeSpace else {
            throw scanner.error("expected white space between the CSeq number and the method")
        }
        let method = try scanner.requireToken("the CSeq method")
        return SIPCSeq(UInt32(number), SIPMethod(scanner.string(method)))
    }
}
