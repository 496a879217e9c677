extension SDPNegotiator {
    /// Our audio stream in an offer: every codec in preference order, telephone-event, our ptime
    /// and direction, and the SRTP key when SRTP is on.
    func offerSection(direction: MediaDirection) -> (section: MediaDescription, crypto: SDPCrypto?) {
        let codecs = local.effectiveCodecs
        var formats = codecs.map { String($0.offeredPayloadType) }
        var attributes: [SDPAttribute] = []
        for codec in codecs {
            attributes.append(SDPAttribute("rtpmap", "\(codec.offeredPayloadType) \(codec.rtpMapEncoding)"))
            if codec == .opus {
                attributes.append(SDPAttribute("fmtp", "\(codec.offeredPayloadType) \(opusFormatParameters)"))
            }
        }
        if local.telephoneEvent {
            let eventType = SDPCodec.telephoneEventPayloadType
            formats.append(String(eventType))
            attributes.append(SDPAttribute("rtpmap", "\(eventType) telephone-event/8000"))
            attributes.append(SDPAttribute("fmtp", "\(eventType) 0-16"))
        }
        attributes.append(SDPAttribute("ptime", String(local.packetTime)))
        attributes.append(SDPAttribute(direction.rawValue))
        var crypto: SDPCrypto?
        if local.srtp != .off, local.hasUsableKey {
            let line = SDPCrypto(tag: 1, suite: .aesCM128HMACSHA1_80, key: local.srtpKey)
            attributes.append(SDPAttribute("crypto", line.sdpValue))
            crypto = line
        }
        let proto = local.srtp == .mandatory ? "RTP/SAVP" : "RTP/AVP"
        let section = MediaDescription(
            media: "audio", port: local.rtpPort, proto: proto, formats: formats, attributes: attributes)
        return (section, crypto)
    }

    /// Our audio stream in an answer: the chosen codec and telephone-event under the offerer's
    /// payload numbers, and its transport.
    func answerSection(_ plan: SDPAnswerPlan, offered stream: SDPRemoteAudioStream) -> MediaDescription {
        var formats = [String(plan.format.payloadType)]
        var attributes = [SDPAttribute("rtpmap", "\(plan.format.payloadType) \(plan.format.codec.rtpMapEncoding)")]
        if plan.format.codec == .opus {
            attributes.append(SDPAttribute("fmtp", "\(plan.format.payloadType) \(opusFormatParameters)"))
        }
        if let event = plan.telephoneEvent {
            formats.append(String(event.payloadType))
            attributes.append(SDPAttribute("rtpmap", "\(event.payloadType) telephone-event/\(event.clockRate)"))
            attributes.append(SDPAttribute("fmtp", "\(event.payloadType) 0-16"))
        }
        attributes.append(SDPAttribute("ptime", String(local.packetTime)))
        attributes.append(SDPAttribute(plan.direction.rawValue))
        if let crypto = plan.crypto {
            let line = SDPCrypto(tag: crypto.tag, suite: crypto.suite, key: local.srtpKey)
            attributes.append(SDPAttribute("crypto", line.sdpValue))
        }
        return MediaDescription(
            media: "audio", port: local.rtpPort, proto: stream.section.proto, formats: formats, attributes: attributes)
    }

    /// A stream we do not take: port 0 with the formats it had (RFC 3264 §6).
    static func declined(_ section: MediaDescription) -> MediaDescription {
        MediaDescription(media: section.media, port: 0, proto: section.proto, formats: section.formats)
    }

    /// The Opus fmtp we ask for: FEC always, stereo and a bitrate when configured.
    var opusFormatParameters: String {
        var parameters = ["useinbandfec=1"]
        if local.opusStereo {
            parameters.append("stereo=1")
            parameters.append("sprop-stereo=1")
        }
        if let bitrate = local.opusBitrate { parameters.append("maxaveragebitrate=\(bitrate)") }
        return parameters.joined(separator: "; ")
    }
}
