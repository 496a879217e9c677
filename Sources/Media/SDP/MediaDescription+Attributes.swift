extension MediaDescription {
    /// The first attribute with this name.
    public func attribute(named name: String) -> SDPAttribute? {
        attributes.first { $0.name == name }
    }

    /// The values of every attribute with this name, in order.
    public func values(of name: String) -> [String] {
        attributes.compactMap { $0.name == name ? $0.value : nil }
    }

    /// The payload type numbers of an RTP stream, skipping formats that are not 0…127.
    public var payloadTypes: [UInt8] {
        formats.compactMap { SDPText.integer(Substring($0), in: 0...127).map(UInt8.init) }
    }

    /// The encoding of a payload type: its `a=rtpmap`, else the RFC 3551 static assignment.
    public func rtpMap(for payloadType: UInt8) -> SDPRTPMap? {
        for value in values(of: "rtpmap") {
            if case .success(let map) = SDPRTPMap.parse(Substring(value)), map.payloadType == payloadType {
                return map
            }
        }
        return SDPRTPMap.staticAudio(payloadType: payloadType)
    }

    /// The `a=fmtp` parameters of a payload type, as written after the format.
    public func fmtp(for payloadType: UInt8) -> String? {
        for value in values(of: "fmtp") {
            let text = SDPText.trimmed(Substring(value))
            let format = text.prefix { $0 != " " && $0 != "\t" }
            guard SDPText.integer(format, in: 0...127) == Int(payloadType) else { continue }
            return String(SDPText.trimmed(text.dropFirst(format.count)))
        }
        return nil
    }

    /// The stream's own direction attribute; nil when it has none (see
    /// `SessionDescription.direction(for:)` for the one that applies).
    public var direction: MediaDirection? { MediaDirection(attributes: attributes) }

    /// `a=ptime`: the packet duration in ms the writer wants to receive.
    public var ptime: Int? {
        guard let value = values(of: "ptime").first else { return nil }
        return SDPMediaAttributes.milliseconds(Substring(value))
    }

    /// `a=rtcp` (RFC 3605).
    public var rtcp: SDPRTCPAttribute? {
        guard let value = values(of: "rtcp").first, case .success(let rtcp) = SDPRTCPAttribute.parse(Substring(value))
        else { return nil }
        return rtcp
    }

    /// Where to send RTCP: `a=rtcp`'s port, else the RTP port + 1 (RFC 3550 §11).
    public var rtcpPort: Int {
        if let rtcp { return rtcp.port }
        return port + 1
    }

    /// Every well-formed `a=crypto` line (RFC 4568), in the writer's order of preference.
    public var cryptos: [SDPCrypto] {
        values(of: "crypto").compactMap {
            if case .success(let crypto) = SDPCrypto.parse(Substring($0)) { return crypto }
            return nil
        }
    }
}
