import Media
import NIOCore

/// The loop-side state of a `MediaStream`: sockets, the RTP session, the DTMF receiver,
/// SRTP contexts and the running engine. Lives in a `NIOLoopBoundBox`: only the stream's
/// event loop touches it.
struct MediaStreamCore {
    let loop: any EventLoop
    let events: AsyncStream<MediaStreamEvent>.Continuation
    var rtpChannel: (any Channel)?
    var rtcpChannel: (any Channel)?
    var session: RTPSession<SocketAddress>?
    var media: NegotiatedAudio?
    var remoteRTP: SocketAddress?
    var remoteRTCP: SocketAddress?
    var dtmfReceiver = DTMFReceiver()
    var engine: AudioEngine?
    var thread: AudioThread?
    var controls: AudioEngineControls?
    var tick: RepeatedTask?
    var srtpOutbound: SRTPContext?
    var srtpInbound: SRTPContext?
    var srtpOutboundRTCP: SRTPContext?
    var srtpInboundRTCP: SRTPContext?
    var description: MediaStreamDescription?
    var latched: SocketAddress?
    /// Scratch for one packet each way (SRTP works in place and needs room for its tag).
    let sendScratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1600, alignment: 8)
    let receiveScratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1600, alignment: 8)
    var closed = false

    init(loop: any EventLoop, events: AsyncStream<MediaStreamEvent>.Continuation) {
        self.loop = loop
        self.events = events
    }

    // MARK: Applying a negotiated session

    mutating func apply(_ media: NegotiatedAudio, devices: MediaDevicePlan, local: String) {
        guard !closed else { return }
        let previous = self.media
        self.media = media
        // An IP literal only: a host name in c= would need a blocking look-up on the loop.
        let remote = try? SocketAddress(ipAddress: media.remoteAddress, port: media.remoteRTPPort)
        let remoteControl = try? SocketAddress(ipAddress: media.remoteAddress, port: media.remoteRTCPPort)
        if remote == nil, !media.remoteAddress.isEmpty {
            events.yield(.note("the peer's media address \"\(media.remoteAddress)\" is not an IP address: sending nothing until RTP arrives from it"))
        }
        if session == nil {
            session = RTPSession(localSSRC: UInt32.random(in: 1...UInt32.max), cname: "dialtone@\(local)",
                                 clockRate: media.sendCodec.clockRate, expectedSource: remote,
                                 random: SystemRandomNumberGenerator(), now: MonotonicClock.now())
        } else if remote != remoteRTP, let remote {
            session?.expect(remote)
        }
        remoteRTP = remote
        remoteRTCP = remoteControl
        if media.srtp != previous?.srtp { setUpSRTP(media.srtp) }
        let rebuild = engine == nil || previous?.sendCodec != media.sendCodec || previous?.sendPayloadType != media.sendPayloadType
            || previous?.ptime != media.ptime || previous?.sendTelephoneEvent != media.sendTelephoneEvent
        if rebuild {
            startEngine(media, devices: devices)
        }
        controls?.sending.store(media.direction.sends && media.remoteRTPPort != 0, ordering: .relaxed)
        controls?.receiving.store(media.direction.receives, ordering: .relaxed)
        var text = MediaStreamDescription(
            codec: "\(media.sendCodec.encodingName)/\(media.sendCodec.clockRate)", local: local,
            remote: "\(media.remoteAddress.contains(":") ? "[\(media.remoteAddress)]" : media.remoteAddress):\(media.remoteRTPPort)",
            direction: media.direction, srtp: media.srtp != nil, input: description?.input ?? "", output: description?.output ?? "")
        if let engine {
            text.input = engine.sourceName
            text.output = engine.sinkName
        }
        if text != description {
            description = text
            events.yield(.started(text))
        }
    }

    private mutating func startEngine(_ media: NegotiatedAudio, devices: MediaDevicePlan) {
        var system = SystemRandomNumberGenerator()
        var sender = engine?.carriedSender ?? RTPSender(random: &system)
        var offset: UInt32 = 0
        var source: (any AudioSource)?
        var sink: (any AudioSink)?
        if let engine, let thread, let controls {
            controls.running.store(false, ordering: .relaxed)
            thread.join()
            sender = engine.carriedSender
            // The RTP clock keeps counting across a codec change (same clock rate or not:
            // the offset is in the old clock's units, which RFC 3550 lets a new payload
            // type restart from; a jump is harmless for the receiver's jitter buffer).
            offset = engine.carriedOffset
            source = engine.source
            sink = engine.sink
        }
        engine = nil
        thread = nil
        do {
            let frameMilliseconds = media.ptime > 0 ? min(max(media.ptime, 10), 60) : 20
            let codec = try AudioCodecFactory.make(name: media.sendCodec.rawValue, frameMilliseconds: frameMilliseconds,
                                                   opusBitrate: media.opus.maxAverageBitrate)
            var decoders: [(payloadType: UInt8, codec: any AudioCodec)] = [(media.sendPayloadType, codec)]
            for (payloadType, kind) in media.receivePayloadTypes.sorted(by: { $0.key < $1.key }) where payloadType != media.sendPayloadType {
                let decoder = try AudioCodecFactory.make(name: kind.rawValue, frameMilliseconds: frameMilliseconds)
                // One playout clock: a decoder at another PCM rate would play at the wrong speed.
                if decoder.sampleRate == codec.sampleRate { decoders.append((payloadType, decoder)) }
            }
            let format = AudioFormat(sampleRate: codec.sampleRate, channels: 1)
            if source == nil {
                let opened = devices.openSource(format: format, frameMilliseconds: frameMilliseconds)
                source = opened.device
                if let note = opened.note { events.yield(.note(note)) }
            }
            if sink == nil {
                let opened = devices.openSink(format: format, frameMilliseconds: frameMilliseconds)
                sink = opened.device
                if let note = opened.note { events.yield(.note(note)) }
            }
            let controls = self.controls ?? AudioEngineControls()
            controls.running.store(true, ordering: .relaxed)
            let setup = AudioEngine.Setup(
                codec: codec, decoders: decoders, payloadType: media.sendPayloadType,
                telephoneEvent: media.sendTelephoneEvent.map { ($0, media.telephoneEventClockRate) },
                frameMilliseconds: frameMilliseconds, source: source!, sink: sink!,
                echoCancellation: devices.echoCancellation && source!.pacesItself, sender: sender, startOffset: offset)
            let engine = try AudioEngine(setup, controls: controls)
            self.controls = controls
            self.engine = engine
            thread = try AudioThread { engine.run() }
        } catch {
            events.yield(.note("no audio: \(error)"))
        }
    }

    private mutating func setUpSRTP(_ keys: SRTPKeys?) {
        srtpOutbound = nil
        srtpInbound = nil
        srtpOutboundRTCP = nil
        srtpInboundRTCP = nil
        guard let keys else { return }
        do {
            let suite: SRTPContext.Suite = keys.suite == .aesCM128HMACSHA1_32 ? .aesCM128HMACSHA1_32 : .aesCM128HMACSHA1_80
            srtpOutbound = try SRTPContext(suite: suite, masterKey: keys.localKey, direction: .outbound)
            srtpInbound = try SRTPContext(suite: suite, masterKey: keys.remoteKey, direction: .inbound)
            srtpOutboundRTCP = try SRTPContext(suite: suite, masterKey: keys.localKey, direction: .outbound)
            srtpInboundRTCP = try SRTPContext(suite: suite, masterKey: keys.remoteKey, direction: .inbound)
        } catch {
            events.yield(.note("SRTP cannot start: \(error)"))
        }
    }

    mutating func sendDigits(_ digits: [DTMFDigit]) {
        guard let engine else { return }
        for digit in digits {
            var code = digit.event
            _ = withUnsafeBytes(of: &code) { engine.digits.push($0) }
        }
    }

    // MARK: Receiving

    mutating func receivedRTP(_ bytes: UnsafeRawBufferPointer, from source: SocketAddress, now: Duration) {
        guard !closed, let media, session != nil else { return }
        var packet = bytes
        if let srtpInbound {
            let count = min(bytes.count, receiveScratch.count)
            receiveScratch.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[0..<count]))
            guard let length = srtpInbound.unprotect(receiveScratch, length: count) else { return }
            packet = UnsafeRawBufferPointer(rebasing: receiveScratch[0..<length])
        }
        guard let verdict = session?.receiveRTP(packet, from: source, now: now),
              case let .accepted(header, payload) = verdict
        else { return }
        if latched != source {
            latched = source
            events.yield(.latched(Self.text(source)))
        }
        let body = UnsafeRawBufferPointer(rebasing: packet[payload])
        if let eventType = media.receiveTelephoneEvent, header.payloadType == eventType {
            if let digit = dtmfReceiver.receive(payload: body, timestamp: header.timestamp, marker: header.marker, now: now) {
                events.yield(.dtmfReceived(digit))
            }
            return
        }
        guard media.receivePayloadTypes[header.payloadType] != nil, let engine, let controls else { return }
        let (seconds, attoseconds) = now.components
        let arrival = UInt64(bitPattern: seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        let first = UInt32(header.sequenceNumber) | (header.marker ? 0x1_0000 : 0)
        if !engine.inbound.push(prefix: header.payloadType, body, first: first, second: header.timestamp, third: arrival) {
            controls.ringDrops.add(1, ordering: .relaxed)
        }
    }

    mutating func receivedRTCP(_ bytes: UnsafeRawBufferPointer, from source: SocketAddress, now: Duration) {
        guard !closed, session != nil else { return }
        var packet = bytes
        if let srtpInboundRTCP {
            let count = min(bytes.count, receiveScratch.count)
            receiveScratch.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[0..<count]))
            guard let length = srtpInboundRTCP.unprotectRTCP(receiveScratch, length: count) else { return }
            packet = UnsafeRawBufferPointer(rebasing: receiveScratch[0..<length])
        }
        let received = session?.receiveRTCP(packet, from: source, now: now, ntp: NTPClock.now()) ?? []
        for event in received {
            if case .bye = event { events.yield(.peerBye) }
        }
    }

    // MARK: Sending (every tick of the loop)

    /// Sends what the audio thread has produced, and RTCP when it is due.
    mutating func drain(now: Duration) {
        guard !closed, let engine, let channel = rtpChannel else { return }
        let target = latched ?? remoteRTP
        var wrote = false
        while let slot = engine.outbound.pop(into: UnsafeMutableRawBufferPointer(rebasing: sendScratch[0..<1500])) {
            guard let target else { continue }
            var length = Int(slot.length)
            if let srtpOutbound {
                guard let protected = srtpOutbound.protect(sendScratch, length: length) else { continue }
                length = protected
            }
            var buffer = channel.allocator.buffer(capacity: length)
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: sendScratch[0..<length]))
            channel.write(AddressedEnvelope(remoteAddress: target, data: buffer), promise: nil)
            wrote = true
        }
        if wrote { channel.flush() }
        guard let deadline = session?.nextReportDeadline, now >= deadline, let controls else { return }
        let timestamp = currentTimestamp(controls, now: now)
        let report = session?.makeReport(now: now, ntp: NTPClock.now(), rtpTimestamp: timestamp,
                                         sentPackets: UInt32(truncatingIfNeeded: controls.packetsSent.load(ordering: .relaxed)),
                                         sentOctets: UInt32(truncatingIfNeeded: controls.octetsSent.load(ordering: .relaxed)))
        if let report { sendRTCP(report) }
    }

    private func currentTimestamp(_ controls: AudioEngineControls, now: Duration) -> UInt32 {
        let last = controls.lastTimestamp.load(ordering: .relaxed)
        let at = controls.lastTimestampNanoseconds.load(ordering: .relaxed)
        let (seconds, attoseconds) = now.components
        let elapsed = max(0, seconds * 1_000_000_000 + attoseconds / 1_000_000_000 - at)
        let rate = Int64(media?.sendCodec.clockRate ?? 8000)
        return last &+ UInt32(truncatingIfNeeded: elapsed * rate / 1_000_000_000)
    }

    private func sendRTCP(_ packet: [UInt8]) {
        guard let channel = rtcpChannel, let target = remoteRTCP ?? latched else { return }
        var length = min(packet.count, 1400)
        packet.withUnsafeBytes { sendScratch.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[0..<length])) }
        if let srtpOutboundRTCP {
            guard let protected = srtpOutboundRTCP.protectRTCP(sendScratch, length: length) else { return }
            length = protected
        }
        var buffer = channel.allocator.buffer(capacity: length)
        buffer.writeBytes(UnsafeRawBufferPointer(rebasing: sendScratch[0..<length]))
        channel.writeAndFlush(AddressedEnvelope(remoteAddress: target, data: buffer), promise: nil)
    }

    // MARK: Figures and the end

    func statistics() -> MediaStreamStatistics {
        var figures = MediaStreamStatistics()
        if let controls {
            figures.packetsSent = controls.packetsSent.load(ordering: .relaxed)
            figures.octetsSent = controls.octetsSent.load(ordering: .relaxed)
            figures.framesConcealed = controls.framesConcealed.load(ordering: .relaxed)
            figures.playoutDelayMilliseconds = controls.playoutDelayMilliseconds.load(ordering: .relaxed)
            figures.inputPeak = controls.inputPeak.load(ordering: .relaxed)
            figures.outputPeak = controls.outputPeak.load(ordering: .relaxed)
        }
        if let session {
            let stream = session.statistics
            figures.packetsReceived = UInt64(max(0, stream.receivedPackets))
            figures.packetsLost = Int64(stream.lostPackets)
            figures.lossPercent = stream.lossPercent
            figures.jitterMilliseconds = stream.jitterMilliseconds
            figures.roundTripMilliseconds = stream.roundTripMilliseconds
            figures.ignoredPackets = UInt64(max(0, stream.ignored.otherSource))
            if let media, figures.packetsReceived > 0 {
                let oneWay = (figures.roundTripMilliseconds ?? 0) / 2 + Double(figures.playoutDelayMilliseconds) + Double(media.ptime)
                let impairment: CallQualityCodec = switch media.sendCodec {
                case .opus: .opus
                case .g722: .g722
                case .pcmu, .pcma: .g711
                }
                figures.mos = CallQuality(codec: impairment, lossPercent: figures.lossPercent, oneWayDelayMilliseconds: oneWay).meanOpinionScore
            }
        }
        return figures
    }

    /// Stops everything; returns the final figures and the channels to close.
    mutating func close() -> (statistics: MediaStreamStatistics, channels: [any Channel]) {
        guard !closed else { return (statistics(), []) }
        tick?.cancel()
        tick = nil
        if engine != nil { drain(now: MonotonicClock.now()) }
        if let bye = session?.makeBye(reason: "call ended") { sendRTCP(bye) }
        if let controls, let thread {
            controls.running.store(false, ordering: .relaxed)
            thread.join()
        }
        engine?.closeDevices()
        let figures = statistics()
        closed = true
        engine = nil
        thread = nil
        events.finish()
        sendScratch.deallocate()
        receiveScratch.deallocate()
        return (figures, [rtpChannel, rtcpChannel].compactMap { $0 })
    }

    static func text(_ address: SocketAddress) -> String {
        guard let ip = address.ipAddress, let port = address.port else { return "\(address)" }
        return ip.contains(":") ? "[\(ip)]:\(port)" : "\(ip):\(port)"
    }
}
