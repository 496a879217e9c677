import SIPCore

extension SIPMessage {
    /// The Via entries of the first Via line only (a line may hold several, comma
    /// separated); empty when there is no Via or it cannot be read.
    var firstViaLine: [SIPVia] {
        guard let line = values(.via).first else { return [] }
        let probe = SIPMessage.request(.options, uri: "sip:probe.invalid", headers: [SIPHeaderField(name: "Via", value: line)])
        return (try? probe.parsedValues(.via, as: SIPVia.self)) ?? []
    }

    /// This message with its top Via replaced by `via`; the other Via entries stay, in
    /// order. With no Via, `via` becomes the first header line.
    ///
    /// SIPCore edits whole header lines, so the Via lines are written back as one line
    /// (`Via: new, rest…`) where the first of them stood: equivalent by RFC 3261 §7.3.1,
    /// every other line keeps its octets and place, and stamping the result again gives
    /// the same octets (a retransmission is byte-identical).
    func replacingTopVia(with via: SIPVia) -> SIPMessage {
        let lines = values(.via)
        guard !lines.isEmpty else {
            // Rebuild so that the new Via stands first, where a reader looks for it.
            let headers = [SIPHeaderField(name: "Via", value: via.description)]
                + self.headers.map { SIPHeaderField(name: $0.name, value: $0.value) }
            return SIPMessage(startLine: startLine, headers: headers, body: body)
        }
        var copy = self
        let entries = [via.description] + firstViaLine.dropFirst().map(\.description) + lines.dropFirst()
        copy.set("Via", entries.joined(separator: ", "))
        return copy
    }
}
