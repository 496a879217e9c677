/// A peer's audio stream, read once from its description: the pieces both offers and answers
/// are judged by. Reading it never trusts the peer: every value is checked here.
struct SDPRemoteAudioStream: Sendable {
    struct Format: Sendable, Equatable {
        var codec: SDPCodec
        var payloadType: UInt8
    }

    let index: Int
    let section: MediaDescription
    let address: String
    let port: Int
    let rtcpPort: Int
    /// The writer's own direction, with an RFC 2543 hold address (c=0.0.0.0) taken as "do not
    /// send to me".
    let direction: MediaDirection
    /// Codecs Dialtone knows, in the writer's order, the first payload type of each.
    let formats: [Format]
    /// Every telephone-event rtpmap, in the writer's order.
    let telephoneEvents: [SDPRTPMap]
    /// Encodings Dialtone does not know, for reasons shown to the user.
    let unknownEncodings: [String]
    let ptime: Int?
    let cryptos: [SDPCrypto]
    /// RTP/SAVP: the writer requires SRTP.
    let requiresSRTP: Bool

    /// Reads stream `index`, or says in plain words why it is not an audio stream Dialtone can use.
    static func read(
        _ section: MediaDescription, index: Int, in session: SessionDescription
    ) -> Result<SDPRemoteAudioStream, SDPFieldProblem> {
        guard section.media == "audio" else {
            return .failure(SDPFieldProblem("is \(section.media), not audio"))
        }
        guard section.port != 0 else {
            return .failure(SDPFieldProblem("is disabled (port 0)"))
        }
        let isPlain = SDPText.equalsIgnoringCase(section.proto, "RTP/AVP")
        let isSecure = SDPText.equalsIgnoringCase(section.proto, "RTP/SAVP")
        guard isPlain || isSecure else {
            return .failure(SDPFieldProblem("uses transport \(section.proto); Dialtone runs RTP/AVP and RTP/SAVP"))
        }
        guard let connection = session.connection(for: section) else {
            return .failure(SDPFieldProblem("has no c= line"))
        }
        if let problem = SDPAddress.problem(with: connection) {
            return .failure(SDPFieldProblem("has an unusable c= line: \(problem)"))
        }
        var formats: [Format] = []
        var events: [SDPRTPMap] = []
        var unknown: [String] = []
        for payloadType in section.payloadTypes {
            guard let map = section.rtpMap(for: payloadType) else {
                unknown.append("payload type \(payloadType)")
                continue
            }
            if map.isTelephoneEvent {
                events.append(map)
            } else if let codec = SDPCodec(rtpMap: map) {
                if !formats.contains(where: { $0.codec == codec }) {
                    formats.append(Format(codec: codec, payloadType: payloadType))
                }
            } else {
                unknown.append("\(map.encodingName)/\(map.clockRate)")
            }
        }
        var direction = session.direction(for: section)
        if connection.isHoldAddress {
            direction = MediaDirection(sends: direction.sends, receives: false)
        }
        return .success(SDPRemoteAudioStream(
            index: index, section: section, address: connection.address, port: section.port,
            rtcpPort: section.rtcpPort, direction: direction, formats: formats, telephoneEvents: events,
            unknownEncodings: unknown, ptime: section.ptime, cryptos: section.cryptos, requiresSRTP: isSecure))
    }

    /// The first crypto line Dialtone can run: a known suite, one 30-byte inline key without MKI,
    /// no session parameters.
    var usableCrypto: (crypto: SDPCrypto, suite: SDPCryptoSuite, key: [UInt8])? {
        for crypto in cryptos {
            guard let suite = crypto.knownSuite, crypto.sessionParameters.isEmpty, crypto.keyParameters.count == 1,
                let inline = crypto.inlineKey, inline.mki == nil,
                inline.key.count == SDPCryptoSuite.masterKeyLength
            else { continue }
            return (crypto, suite, inline.key)
        }
        return nil
    }

    /// The telephone-event to pair with a codec: the one at the codec's clock rate (RFC 4733
    /// §2.5.1.3), else 8000, else the first.
    func telephoneEvent(for codec: SDPCodec) -> SDPRTPMap? {
        telephoneEvents.first { $0.clockRate == codec.clockRate }
            ?? telephoneEvents.first { $0.clockRate == 8000 }
            ?? telephoneEvents.first
    }

    /// The packet time to send with: the writer's when the codec supports it, else ours.
    func packetTime(for codec: SDPCodec, local: SDPLocalSettings) -> Int {
        if let ptime, codec.supportsPacketTime(ptime) { return ptime }
        if codec.supportsPacketTime(local.ptime) { return local.ptime }
        return 20
    }

    /// What the writer offered, for a "no codec in common" reason.
    var offeredSummary: String {
        let names = formats.map { "\($0.codec.encodingName)/\($0.codec.clockRate)" } + unknownEncodings
            + telephoneEvents.map { "telephone-event/\($0.clockRate)" }
        return names.isEmpty ? "nothing" : names.joined(separator: ", ")
    }
}
