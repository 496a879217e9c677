extension SDPNegotiator {
    /// Judges a peer's answer against our offer (RFC 3264 §6, §7).
    static func evaluate(
        answer: SessionDescription, to offer: PendingOffer, local: SDPLocalSettings
    ) throws(SDPNegotiationError) -> NegotiatedAudio {
        let offered = offer.description.media.count
        guard answer.media.count == offered else {
            throw .invalidAnswer(
                "the answer has \(answer.media.count) media streams; our offer had \(offered) (RFC 3264 §6)")
        }
        let section = answer.media[offer.audioIndex]
        guard section.media == "audio" else {
            throw .invalidAnswer("the answer put \(section.media) where our offer had audio")
        }
        guard section.port != 0 else {
            throw .invalidAnswer("the peer declined our audio stream (port 0)")
        }
        let stream: SDPRemoteAudioStream
        switch SDPRemoteAudioStream.read(section, index: offer.audioIndex, in: answer) {
        case .success(let read): stream = read
        case .failure(let problem): throw .invalidAnswer("the answer's audio stream \(problem.reason)")
        }

        let sendable = stream.formats.filter { offer.codecs.contains($0.codec) }
        guard let first = sendable.first else {
            throw .invalidAnswer("the answer has no codec we offered (it answered \(stream.offeredSummary))")
        }
        var receive: [UInt8: SDPCodec] = [:]
        for format in sendable { receive[format.codec.offeredPayloadType] = format.codec }

        // We offered telephone-event/8000 only; an answer's event at another rate is ignored.
        let event = offer.telephoneEvent ? stream.telephoneEvents.first { $0.clockRate == 8000 } : nil
        let keys = try srtpKeys(in: stream, for: offer)
        return NegotiatedAudio(
            remoteAddress: stream.address, remoteRTPPort: stream.port, remoteRTCPPort: stream.rtcpPort,
            sendCodec: first.codec, sendPayloadType: first.payloadType, receivePayloadTypes: receive,
            sendTelephoneEvent: event?.payloadType,
            receiveTelephoneEvent: event == nil ? nil : SDPCodec.telephoneEventPayloadType,
            telephoneEventClockRate: event?.clockRate ?? 8000,
            direction: stream.direction.reversed.intersection(offer.direction),
            ptime: stream.packetTime(for: first.codec, local: local),
            opus: first.codec == .opus ? OpusParameters(fmtp: section.fmtp(for: first.payloadType)) : OpusParameters(),
            srtp: keys)
    }

    /// The SRTP keys an answer agrees to, nil for plain RTP, or why the answer cannot be used.
    private static func srtpKeys(
        in stream: SDPRemoteAudioStream, for offer: PendingOffer
    ) throws(SDPNegotiationError) -> SRTPKeys? {
        guard let ours = offer.crypto else {
            if offer.srtp == .mandatory {
                throw .invalidAnswer(
                    "SRTP is mandatory but our master key is \(offer.key.count) bytes, not \(SDPCryptoSuite.masterKeyLength), so we could not offer it")
            }
            return nil
        }
        guard let theirs = stream.cryptos.first else {
            if offer.srtp == .mandatory {
                throw .invalidAnswer("the answer has no a=crypto line and SRTP is mandatory")
            }
            if stream.requiresSRTP {
                throw .invalidAnswer("the answer uses RTP/SAVP without an a=crypto line")
            }
            return nil
        }
        guard theirs.tag == ours.tag, theirs.suite == ours.suite else {
            throw .invalidAnswer(
                "the answer's a=crypto (tag \(theirs.tag), \(theirs.suite)) does not match our offer (tag \(ours.tag), \(ours.suite))")
        }
        guard let usable = stream.usableCrypto, usable.crypto == theirs else {
            throw .invalidAnswer(
                "the answer's SRTP key is not one inline \(SDPCryptoSuite.masterKeyLength)-byte key without MKI or session parameters")
        }
        if offer.srtp == .mandatory, !stream.requiresSRTP {
            throw .invalidAnswer("the answer changed the transport to \(stream.section.proto); our offer required RTP/SAVP")
        }
        return SRTPKeys(suite: usable.suite, localKey: offer.key, remoteKey: usable.key)
    }
}
