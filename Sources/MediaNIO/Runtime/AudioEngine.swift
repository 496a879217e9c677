import Media

/// One call's audio path, run frame by frame on its own thread: capture → (echo
/// cancellation) → encode → RTP out, and RTP in → jitter buffer → decode or conceal →
/// playback. Everything it needs is allocated in `init`; `runFrame` allocates nothing,
/// logs nothing and takes no lock — packets cross to the event loop through two
/// `DatagramRing`s, digits to send through a third, figures through `controls`.
final class AudioEngine: @unchecked Sendable {
    // Why @unchecked Sendable is safe: the engine is built on one thread and then handed to
    // its audio thread, which is the only one that calls `run()`/`runFrame`/`close` or
    // touches the codec, devices, buffers and the sans-IO state below. Other threads share
    // only `controls` (atomics) and the rings (single producer, single consumer each).
    struct Setup {
        var codec: any AudioCodec
        /// Decoders for every payload type the peer may send us, ours first.
        var decoders: [(payloadType: UInt8, codec: any AudioCodec)]
        var payloadType: UInt8
        var telephoneEvent: (payloadType: UInt8, clockRate: Int)?
        var frameMilliseconds: Int
        var source: any AudioSource
        var sink: any AudioSink
        var echoCancellation: Bool
        var sender: RTPSender
        /// The RTP offset (clock units since the stream started) to continue from when the
        /// engine is rebuilt mid-call (a new codec): timestamps keep counting.
        var startOffset: UInt32 = 0
    }

    let controls: AudioEngineControls
    /// Received audio packets, payload prefixed by its payload type; first = sequence |
    /// marker << 16, second = timestamp, third = arrival (monotonic nanoseconds).
    let inbound: DatagramRing
    /// Whole RTP packets to send.
    let outbound: DatagramRing
    /// DTMF digits to send, one byte each (the event code).
    let digits: DatagramRing

    private let codec: any AudioCodec
    private let decoders: [(payloadType: UInt8, codec: any AudioCodec)]
    private let payloadType: UInt8
    private let eventPayloadType: UInt8?
    /// The devices, kept across a rebuilt engine.
    let source: any AudioSource
    let sink: any AudioSink
    var sourceName: String { source.name }
    var sinkName: String { sink.name }
    private let frameDuration: Duration
    private let codecFrame: Int              // samples per frame at the codec's PCM rate
    private let rtpUnitsPerFrame: UInt32
    private let sourceFrame: Int             // frames per frame at the source's rate
    private let sinkFrame: Int
    private let captureResampler: AudioResampler?
    private let playbackResampler: AudioResampler?
    private let echoCanceller: EchoCanceller?
    private var sender: RTPSender
    private var dtmf: DTMFSender?
    private var jitter: JitterBuffer
    private var offset: UInt32
    private var talking = false

    // Preallocated buffers.
    private let sourceBuffer: UnsafeMutableBufferPointer<Int16>   // source frames × channels
    private let micBuffer: UnsafeMutableBufferPointer<Int16>      // codec frame, mono
    private let cleanBuffer: UnsafeMutableBufferPointer<Int16>    // after echo cancellation
    private let playedBuffer: UnsafeMutableBufferPointer<Int16>   // the last frame played, codec rate
    private let decodeBuffer: UnsafeMutableBufferPointer<Int16>   // one decoded packet (up to 120 ms at 48 kHz)
    private let fifo: UnsafeMutableBufferPointer<Int16>           // decoded audio waiting to be played
    private var fifoStart = 0
    private var fifoEnd = 0
    private let sinkBuffer: UnsafeMutableBufferPointer<Int16>     // sink frames × channels
    private let packetBuffer: UnsafeMutableRawBufferPointer       // an RTP packet being built
    private let payloadBuffer: UnsafeMutableRawBufferPointer      // a payload from the jitter buffer
    private let slotBuffer: UnsafeMutableRawBufferPointer         // a slot popped from a ring
    private let monoBuffer: UnsafeMutableBufferPointer<Int16>     // resampler in/out scratch

    init(_ setup: Setup, controls: AudioEngineControls) throws {
        self.controls = controls
        codec = setup.codec
        decoders = setup.decoders
        payloadType = setup.payloadType
        eventPayloadType = setup.telephoneEvent?.payloadType
        source = setup.source
        sink = setup.sink
        sender = setup.sender
        offset = setup.startOffset
        frameDuration = .milliseconds(setup.frameMilliseconds)
        codecFrame = setup.codec.sampleRate * setup.frameMilliseconds / 1000
        rtpUnitsPerFrame = UInt32(setup.codec.rtpClockRate * setup.frameMilliseconds / 1000)
        sourceFrame = setup.source.format.sampleRate * setup.frameMilliseconds / 1000
        sinkFrame = setup.sink.format.sampleRate * setup.frameMilliseconds / 1000
        captureResampler = setup.source.format.sampleRate == setup.codec.sampleRate ? nil
            : try AudioResampler(channels: 1, inputRate: setup.source.format.sampleRate, outputRate: setup.codec.sampleRate)
        playbackResampler = setup.sink.format.sampleRate == setup.codec.sampleRate ? nil
            : try AudioResampler(channels: 1, inputRate: setup.codec.sampleRate, outputRate: setup.sink.format.sampleRate)
        echoCanceller = setup.echoCancellation ? try EchoCanceller(frameSamples: codecFrame, sampleRate: setup.codec.sampleRate) : nil
        if let event = setup.telephoneEvent {
            dtmf = DTMFSender(clockRate: event.clockRate, packetInterval: frameDuration)
        }
        jitter = JitterBuffer(JitterBufferConfiguration(clockRate: setup.codec.rtpClockRate, frameDuration: frameDuration))
        inbound = DatagramRing(capacity: 128, slotBytes: 1500)
        outbound = DatagramRing(capacity: 128, slotBytes: 1500)
        digits = DatagramRing(capacity: 64, slotBytes: 1)
        func samples(_ count: Int) -> UnsafeMutableBufferPointer<Int16> {
            let buffer = UnsafeMutableBufferPointer<Int16>.allocate(capacity: max(count, 1))
            buffer.initialize(repeating: 0)
            return buffer
        }
        sourceBuffer = samples(sourceFrame * max(1, setup.source.format.channels))
        micBuffer = samples(codecFrame)
        cleanBuffer = samples(codecFrame)
        playedBuffer = samples(codecFrame)
        decodeBuffer = samples(48_000 * 120 / 1000 * 2)
        fifo = samples(48_000 * 400 / 1000)
        sinkBuffer = samples(sinkFrame * max(1, setup.sink.format.channels))
        monoBuffer = samples(max(sourceFrame, sinkFrame, codecFrame) * 2)
        packetBuffer = .allocate(byteCount: 1500, alignment: 8)
        payloadBuffer = .allocate(byteCount: 1500, alignment: 8)
        slotBuffer = .allocate(byteCount: 1500, alignment: 8)
    }

    deinit {
        for buffer in [sourceBuffer, micBuffer, cleanBuffer, playedBuffer, decodeBuffer, fifo, sinkBuffer, monoBuffer] { buffer.deallocate() }
        packetBuffer.deallocate()
        payloadBuffer.deallocate()
        slotBuffer.deallocate()
    }

    /// The RTP state to carry into a rebuilt engine (a codec change keeps SSRC and sequence).
    var carriedSender: RTPSender { sender }
    var carriedOffset: UInt32 { offset }

    /// The audio thread's body: one frame per `frameDuration` until `controls.running` is cleared.
    func run() {
        let paced = source.pacesItself || sink.pacesItself
        var deadline = MonotonicClock.now()
        while controls.running.load(ordering: .relaxed) {
            if !paced {
                deadline += frameDuration
                let now = MonotonicClock.now()
                if deadline > now {
                    MonotonicClock.sleep(until: deadline)
                } else if now - deadline > frameDuration * 5 {
                    // Far behind (the machine stalled): start pacing again from now.
                    controls.lateFrames.add(1, ordering: .relaxed)
                    deadline = now
                }
            }
            runFrame(now: MonotonicClock.now())
        }
    }

    /// One frame of capture and one of playback.
    func runFrame(now: Duration) {
        capture(now: now)
        playout(now: now)
    }

    // MARK: Capture → RTP

    private func capture(now: Duration) {
        let frames = source.read(into: sourceBuffer, frames: sourceFrame)
        let channels = max(1, source.format.channels)
        // Down-mix to mono into monoBuffer (source rate).
        for i in 0..<sourceFrame {
            if i >= frames { monoBuffer[i] = 0; continue }
            if channels == 1 {
                monoBuffer[i] = sourceBuffer[i]
            } else {
                var sum = 0
                for c in 0..<channels { sum += Int(sourceBuffer[i * channels + c]) }
                monoBuffer[i] = Int16(clamping: sum / channels)
            }
        }
        if let captureResampler {
            let produced = captureResampler.process(UnsafeBufferPointer(rebasing: monoBuffer[0..<sourceFrame]), into: micBuffer).produced
            if produced < codecFrame { for i in produced..<codecFrame { micBuffer[i] = 0 } }
        } else {
            for i in 0..<codecFrame { micBuffer[i] = monoBuffer[i] }
        }
        var frame = micBuffer
        if let echoCanceller {
            echoCanceller.process(captured: UnsafeBufferPointer(micBuffer), played: UnsafeBufferPointer(playedBuffer), into: cleanBuffer)
            frame = cleanBuffer
        }
        if controls.muted.load(ordering: .relaxed) {
            for i in 0..<codecFrame { frame[i] = 0 }
        }
        controls.inputPeak.store(Self.peak(UnsafeBufferPointer(frame)), ordering: .relaxed)
        defer { offset &+= rtpUnitsPerFrame }
        guard controls.sending.load(ordering: .relaxed) else { talking = false; return }
        if dtmf != nil, let eventPayloadType {
            // Mutated in place (never copied): the sender's queue is preallocated.
            if let slot = digits.pop(into: slotBuffer), slot.length == 1, let digit = DTMFDigit(event: slotBuffer.load(as: UInt8.self)) {
                _ = dtmf!.enqueue(digit)
            }
            let payloadStart = UnsafeMutableRawBufferPointer(rebasing: packetBuffer[12...])
            if let tick = dtmf!.tick(streamOffset: offset, into: payloadStart) {
                let header = sender.header(payloadType: eventPayloadType, timestampOffset: tick.timestampOffset, marker: tick.marker)
                send(header, payloadBytes: tick.bytes, now: now)
                return
            }
        }
        let payloadStart = UnsafeMutableRawBufferPointer(rebasing: packetBuffer[12...])
        let bytes = codec.encode(UnsafeBufferPointer(frame), into: payloadStart)
        guard bytes > 0 else { return }
        let header = sender.header(payloadType: payloadType, timestampOffset: offset, marker: !talking)
        talking = true
        send(header, payloadBytes: bytes, now: now)
    }

    private func send(_ header: RTPHeader, payloadBytes: Int, now: Duration) {
        _ = header.write(into: packetBuffer)
        sender.sent(payloadBytes: payloadBytes)
        if !outbound.push(UnsafeRawBufferPointer(rebasing: packetBuffer[0..<(12 + payloadBytes)])) {
            controls.ringDrops.add(1, ordering: .relaxed)
        }
        controls.packetsSent.add(1, ordering: .relaxed)
        controls.octetsSent.add(UInt64(payloadBytes), ordering: .relaxed)
        controls.lastTimestamp.store(header.timestamp, ordering: .relaxed)
        let (seconds, attoseconds) = now.components
        controls.lastTimestampNanoseconds.store(seconds * 1_000_000_000 + attoseconds / 1_000_000_000, ordering: .relaxed)
    }

    // MARK: RTP → playback

    private func playout(now: Duration) {
        // Everything that arrived since the last frame goes into the jitter buffer.
        while let slot = inbound.pop(into: slotBuffer) {
            let sequence = UInt16(truncatingIfNeeded: slot.first)
            let marker = slot.first & 0x1_0000 != 0
            let arrival = Duration.nanoseconds(Int64(bitPattern: slot.third))
            _ = jitter.insert(sequence: sequence, timestamp: slot.second, marker: marker,
                              payload: UnsafeRawBufferPointer(rebasing: slotBuffer[0..<Int(slot.length)]), now: arrival)
        }
        let receiving = controls.receiving.load(ordering: .relaxed)
        while fifoEnd - fifoStart < codecFrame {
            if !fillFIFO(now: now) { break }
        }
        let available = min(fifoEnd - fifoStart, codecFrame)
        for i in 0..<codecFrame {
            playedBuffer[i] = receiving && i < available ? fifo[fifoStart + i] : 0
        }
        fifoStart += available
        if fifoStart == fifoEnd { fifoStart = 0; fifoEnd = 0 }
        controls.outputPeak.store(Self.peak(UnsafeBufferPointer(playedBuffer)), ordering: .relaxed)
        controls.playoutDelayMilliseconds.store(jitter.statistics.currentDelayMs, ordering: .relaxed)
        // Codec rate → sink rate, mono → the sink's channels.
        var played = UnsafeBufferPointer(playedBuffer)
        if let playbackResampler {
            let produced = playbackResampler.process(played, into: monoBuffer).produced
            if produced < sinkFrame { for i in produced..<sinkFrame { monoBuffer[i] = 0 } }
            played = UnsafeBufferPointer(rebasing: monoBuffer[0..<sinkFrame])
        }
        let channels = max(1, sink.format.channels)
        for i in 0..<sinkFrame {
            let value = i < played.count ? played[i] : 0
            for c in 0..<channels { sinkBuffer[i * channels + c] = value }
        }
        sink.write(UnsafeBufferPointer(sinkBuffer), frames: sinkFrame)
        controls.framesPlayed.add(1, ordering: .relaxed)
    }

    /// Decodes (or conceals) the next packet into the FIFO. False when there is nothing to
    /// play yet (buffering): the frame is then silence.
    private func fillFIFO(now: Duration) -> Bool {
        if fifoEnd + decodeBuffer.count > fifo.count {
            // Move what is left to the front so a whole decoded packet fits.
            let left = fifoEnd - fifoStart
            for i in 0..<left { fifo[i] = fifo[fifoStart + i] }
            fifoStart = 0
            fifoEnd = left
        }
        switch jitter.pop(now: now, into: payloadBuffer) {
        case let .packet(bytes, _, _):
            guard bytes > 1 else { return true }
            let packetType = payloadBuffer.load(as: UInt8.self)
            let decoder = decoder(for: packetType)
            let produced = decoder.decode(UnsafeRawBufferPointer(rebasing: payloadBuffer[1..<bytes]), into: decodeBuffer)
            append(decodeBuffer, count: produced, from: decoder)
            return true
        case let .missing(_, nextAvailable):
            var next: UnsafeRawBufferPointer?
            if nextAvailable, let bytes = jitter.peekNext(into: payloadBuffer), bytes > 1 {
                next = UnsafeRawBufferPointer(rebasing: payloadBuffer[1..<bytes])
            }
            let produced = codec.conceal(next: next, into: decodeBuffer)
            controls.framesConcealed.add(1, ordering: .relaxed)
            append(decodeBuffer, count: produced, from: codec)
            return produced > 0
        case .buffering:
            return false
        }
    }

    private func decoder(for packetType: UInt8) -> any AudioCodec {
        for entry in decoders where entry.payloadType == packetType { return entry.codec }
        return codec
    }

    /// Appends decoded samples (mono at the codec rate; a stereo decoder's left channel).
    private func append(_ samples: UnsafeMutableBufferPointer<Int16>, count: Int, from decoder: any AudioCodec) {
        let channels = max(1, decoder.channels)
        let room = fifo.count - fifoEnd
        let frames = min(count, room)
        for i in 0..<frames { fifo[fifoEnd + i] = samples[i * channels] }
        fifoEnd += frames
    }

    private static func peak(_ samples: UnsafeBufferPointer<Int16>) -> Int {
        var peak = 0
        for sample in samples { peak = max(peak, abs(Int(sample))) }
        return peak
    }

    /// Closes the devices (a WAV file's header is finalized); after the thread has stopped.
    func closeDevices() {
        sink.close()
    }
}
