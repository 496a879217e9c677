import Media
import NIOCore
import NIOPosix

/// One call's audio stream at run time: the RTP and RTCP sockets on the event loop
/// (symmetric RTP: we send from the port we receive on), the sans-IO RTP session
/// (latching, statistics, RTCP), and an `AudioEngine` on its own thread that encodes,
/// decodes and talks to the devices. The owner applies each negotiated session
/// (`apply`), and hears digits and changes through `events`.
public final class MediaStream: Sendable {
    /// The port RTP is received on (RTCP on the next one).
    public let localPort: Int
    /// The address written in our SDP's c= line.
    public let advertisedHost: String
    public let events: AsyncStream<MediaStreamEvent>
    let loop: any EventLoop
    let core: NIOLoopBoundBox<MediaStreamCore>

    private init(localPort: Int, advertisedHost: String, events: AsyncStream<MediaStreamEvent>, loop: any EventLoop,
                 core: NIOLoopBoundBox<MediaStreamCore>) {
        self.localPort = localPort
        self.advertisedHost = advertisedHost
        self.events = events
        self.loop = loop
        self.core = core
    }

    /// Binds an even RTP port and the RTCP port above it, from `ports`, on `bindHost`.
    /// - Throws: `MediaStreamError` when no pair of ports in the range is free.
    public static func open(bindHost: String, advertisedHost: String, ports: ClosedRange<Int> = 40_000...49_999,
                            eventLoop: any EventLoop = MultiThreadedEventLoopGroup.singleton.next()) async throws -> MediaStream {
        let (events, continuation) = AsyncStream<MediaStreamEvent>.makeStream()
        let core = NIOLoopBoundBox.makeBoxSendingValue(MediaStreamCore(loop: eventLoop, events: continuation), eventLoop: eventLoop)
        var lastError: (any Error)?
        let evenStart = ports.lowerBound + ports.lowerBound % 2
        let pairs = max(1, (ports.upperBound - evenStart) / 2)
        let first = Int.random(in: 0..<pairs)
        for attempt in 0..<min(pairs, 64) {
            let port = evenStart + ((first + attempt) % pairs) * 2
            do {
                let rtp = try await bind(host: bindHost, port: port, core: core, isRTCP: false, loop: eventLoop)
                do {
                    let rtcp = try await bind(host: bindHost, port: port + 1, core: core, isRTCP: true, loop: eventLoop)
                    try await eventLoop.submit {
                        core.value.rtpChannel = rtp
                        core.value.rtcpChannel = rtcp
                    }.get()
                    return MediaStream(localPort: port, advertisedHost: advertisedHost, events: events, loop: eventLoop, core: core)
                } catch {
                    try? await rtp.close()
                    lastError = error
                }
            } catch {
                lastError = error
            }
        }
        continuation.finish()
        throw MediaStreamError("no free RTP port pair in \(ports.lowerBound)-\(ports.upperBound) on \(bindHost): \(lastError.map { "\($0)" } ?? "none tried")")
    }

    private static func bind(host: String, port: Int, core: NIOLoopBoundBox<MediaStreamCore>, isRTCP: Bool,
                             loop: any EventLoop) async throws -> any Channel {
        try await DatagramBootstrap(group: loop)
            .channelOption(.socketOption(.so_reuseaddr), value: 0)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(MediaDatagramHandler(core: core, isRTCP: isRTCP))
                }
            }
            .bind(host: host, port: port).get()
    }

    /// Starts media with a newly negotiated session, or changes it: a new remote address
    /// or direction is applied in place, a new codec or packet time rebuilds the engine
    /// (keeping SSRC, sequence and timestamps counting). Devices are opened on the first call.
    public func apply(_ media: NegotiatedAudio, devices: MediaDevicePlan) async {
        let core = self.core
        let local = "\(advertisedHost):\(localPort)"
        try? await loop.submit {
            core.value.apply(media, devices: devices, local: local)
            if core.value.tick == nil, !core.value.closed {
                // The loop sends what the audio thread produced and RTCP when due: one
                // task per stream, only while a call has media.
                core.value.tick = core.value.loop.scheduleRepeatedTask(initialDelay: .milliseconds(10), delay: .milliseconds(10)) { _ in
                    core.value.drain(now: MonotonicClock.now())
                }
            }
        }.get()
    }

    /// Queues RFC 4733 digits (sent one after another in place of audio).
    public func sendDigits(_ digits: [DTMFDigit]) {
        let core = self.core
        loop.execute { core.value.sendDigits(digits) }
    }

    /// Mute sends silence in place of the microphone (the peer still gets packets).
    public func setMuted(_ muted: Bool) {
        let core = self.core
        loop.execute { core.value.controls?.muted.store(muted, ordering: .relaxed) }
    }

    /// The figures now.
    public func statistics() async -> MediaStreamStatistics {
        let core = self.core
        return (try? await loop.submit { core.value.statistics() }.get()) ?? MediaStreamStatistics()
    }

    /// Sends RTCP BYE, stops the audio thread, closes the devices (a WAV file's header is
    /// written) and the sockets. Returns the final figures.
    public func close() async -> MediaStreamStatistics {
        let core = self.core
        let result = try? await loop.submit { core.value.close() }.get()
        if let result {
            for channel in result.channels { try? await channel.close() }
            return result.statistics
        }
        return MediaStreamStatistics()
    }
}

/// A media stream could not be set up.
public struct MediaStreamError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
