extension SDPNegotiator {
    /// Picks the audio stream to answer: the one in use before if still acceptable, else the
    /// first acceptable one. Throws 488 with every stream's reason when none is.
    func choose(
        from offer: SessionDescription, wanted: MediaDirection
    ) throws(SDPNegotiationError) -> (stream: SDPRemoteAudioStream, plan: SDPAnswerPlan) {
        guard !offer.media.isEmpty else {
            throw .notAcceptable("the offer has no media streams; Dialtone needs an audio stream")
        }
        var order = Array(offer.media.indices)
        if let previous = audioIndex, previous < offer.media.count {
            order.removeAll { $0 == previous }
            order.insert(previous, at: 0)
        }
        var reasons: [(Int, String)] = []
        for index in order {
            switch SDPRemoteAudioStream.read(offer.media[index], index: index, in: offer) {
            case .failure(let problem):
                reasons.append((index, problem.reason))
            case .success(let stream):
                switch plan(for: stream, wanted: wanted) {
                case .success(let plan): return (stream, plan)
                case .failure(let problem): reasons.append((index, problem.reason))
                }
            }
        }
        let text = reasons.sorted { $0.0 < $1.0 }.map { "stream \($0.0 + 1) \($0.1)" }.joined(separator: "; ")
        throw .notAcceptable("no audio stream Dialtone can use: \(text)")
    }

    /// How to answer one offered audio stream, or why we cannot.
    func plan(for stream: SDPRemoteAudioStream, wanted: MediaDirection) -> Result<SDPAnswerPlan, SDPFieldProblem> {
        let ours = local.effectiveCodecs
        guard let codec = ours.first(where: { codec in stream.formats.contains { $0.codec == codec } }),
            let format = stream.formats.first(where: { $0.codec == codec })
        else {
            let have = ours.map { "\($0.encodingName)/\($0.clockRate)" }.joined(separator: ", ")
            return .failure(SDPFieldProblem("has no codec in common: offered \(stream.offeredSummary); Dialtone has \(have)"))
        }
        var crypto: (tag: UInt32, suite: SDPCryptoSuite, remoteKey: [UInt8])?
        switch local.srtp {
        case .off:
            if stream.requiresSRTP {
                return .failure(SDPFieldProblem("requires SRTP (RTP/SAVP) and SRTP is off"))
            }
        case .optional, .mandatory:
            if let usable = stream.usableCrypto, local.hasUsableKey {
                crypto = (usable.crypto.tag, usable.suite, usable.key)
            } else if stream.requiresSRTP || local.srtp == .mandatory {
                if !local.hasUsableKey {
                    return .failure(SDPFieldProblem(
                        "needs SRTP, but our master key is \(local.srtpKey.count) bytes, not \(SDPCryptoSuite.masterKeyLength)"))
                }
                if stream.cryptos.isEmpty {
                    return .failure(SDPFieldProblem("has no a=crypto line and SRTP is mandatory"))
                }
                let suites = stream.cryptos.map(\.suite).joined(separator: ", ")
                let known = SDPCryptoSuite.allCases.map(\.rawValue).joined(separator: ", ")
                return .failure(SDPFieldProblem(
                    "offers no SRTP key Dialtone can use (offered \(suites); Dialtone runs \(known) with one inline key, no MKI)"))
            }
        }
        let event = local.telephoneEvent ? stream.telephoneEvent(for: codec) : nil
        return .success(SDPAnswerPlan(
            format: format, telephoneEvent: event, direction: stream.direction.answer(wanting: wanted), crypto: crypto))
    }

    /// The media an answer of ours agrees: the offerer's payload numbers both ways.
    func negotiated(_ plan: SDPAnswerPlan, stream: SDPRemoteAudioStream) -> NegotiatedAudio {
        let codec = plan.format.codec
        let keys = plan.crypto.map { SRTPKeys(suite: $0.suite, localKey: local.srtpKey, remoteKey: $0.remoteKey) }
        return NegotiatedAudio(
            remoteAddress: stream.address, remoteRTPPort: stream.port, remoteRTCPPort: stream.rtcpPort,
            sendCodec: codec, sendPayloadType: plan.format.payloadType,
            receivePayloadTypes: [plan.format.payloadType: codec],
            sendTelephoneEvent: plan.telephoneEvent?.payloadType, receiveTelephoneEvent: plan.telephoneEvent?.payloadType,
            telephoneEventClockRate: plan.telephoneEvent?.clockRate ?? 8000,
            direction: plan.direction, ptime: stream.packetTime(for: codec, local: local),
            opus: codec == .opus ? OpusParameters(fmtp: stream.section.fmtp(for: plan.format.payloadType)) : OpusParameters(),
            srtp: keys)
    }
}
