import SIPCore

extension SIPMessage {
    /// The Via entries of the first Via line only (a line may hold several, comma
    /// separated); empty when there is no Via or it cannot be read.
    var firstViaLine: [SIPVia] {
        guard let line = values(.via).first else { return [] }
        let probe = SIPMessage.request(.options, uri: "sip:probe.invalid", headers: [SIPHeaderField(name: "Via", value: line)])
        return (try? probe.parsedValues(.via, as: SIPVia.self)) ?? []
    }

    /// This message with its top Via replaced by `via` (the other entries of the first
    /// Via line, and the other Via lines, unchanged and in order). With no Via, `via`
    /// becomes the first header line.
    func replacingTopVia(with via: SIPVia) -> SIPMessage {
        var copy = self
        let line = firstViaLine
        if line.isEmpty && count(of: .via) == 0 {
            // Rebuild so that the new Via stands first, where a reader looks for it.
            let headers = [SIPHeaderField(name: "Via", value: via.description)]
                + self.headers.map { SIPHeaderField(name: $0.name, value: $0.value) }
            return SIPMessage(startLine: startLine, headers: headers, body: body)
        }
        let rest = line.dropFirst().map(\.description)
        copy.removeFirst("Via")
        copy.prepend("Via", ([via.description] + rest).joined(separator: ", "))
        return copy
    }
}
