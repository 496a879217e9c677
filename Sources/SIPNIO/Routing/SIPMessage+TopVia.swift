import SIPCore

extension SIPMessage {
    /// The Via entries of the first Via line only (a line may hold several, comma
    /// separated); empty when there is no Via or it cannot be read.
    var firstViaLine: [SIPVia] {
        guard let line = values(.via).first else { return [] }
        let probe = SIPMessage.request(.options, uri: "sip:probe.invalid", headers: [SIPHeaderField(name: "Via", value: line)])
        return (try? probe.parsedValues(.via, as: SIPVia.self)) ?? []
    }

    /// This message with its top Via replaced by `via`; every other Via entry and line
    /// keeps its octets and place (SIPCore's `replaceTopVia`).
    func replacingTopVia(with via: SIPVia) -> SIPMessage {
        var copy = self
        copy.replaceTopVia(with: via)
        return copy
    }
}
