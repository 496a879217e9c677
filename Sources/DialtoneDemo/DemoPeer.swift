import NIOCore
import NIOPosix
import SIPCore
import SIPNIO
import SIPTransaction

/// The built-in SIP peer `dialtone --demo` talks to: an endpoint on 127.0.0.1 (UDP and
/// TCP on one port) with a few numbers that show Dialtone's two flows — a 302 redirect and
/// a 401 challenge — with no account and no network. It also registers accounts pointed
/// at it (with the same digest challenge), so the status bar has something to show.
///
/// It runs the sans-IO `DemoPeerCore` on the endpoint's event loop: every handler and
/// timer of the endpoint and of the peer runs there, so the peer's state needs no lock.
public final class DemoPeer: Sendable {
    /// The realm of the demo's challenges, and its one account: shown on the screen.
    public static let realm = "dialtone-demo"
    /// The realm of its registrar's challenge (same username and password). Separate, so a
    /// client that registered with the demo account is still asked when it dials 401.
    public static let registrarRealm = "dialtone-demo-registrar"
    public static let username = "demo"
    public static let password = "demo"

    /// The numbers, memorable by the status code they show off.
    public static let answering = "100"
    public static let redirecting = "302"
    public static let challenging = "401"
    public static let redirectingToChallenge = "303"
    public static let movedPermanently = "301"
    public static let busy = "486"

    /// What to dial, in the order the screen lists them.
    public static let numbers: [DemoNumber] = [
        DemoNumber(user: answering, description: "answers (100 Trying, 180 Ringing, 200 OK) and echoes your voice back after half a second",
                   behaviour: .answer),
        DemoNumber(user: redirecting, description: "302 Moved Temporarily to \(answering), which answers",
                   behaviour: .redirect(to: answering)),
        DemoNumber(user: challenging, description: "401 Unauthorized: log in as \(username) / \(password), then it answers",
                   behaviour: .challengeThenAnswer),
        DemoNumber(user: redirectingToChallenge, description: "302 to \(challenging): a redirect, then a password, then it answers",
                   behaviour: .redirect(to: challenging)),
        DemoNumber(user: movedPermanently, description: "301 Moved Permanently to \(answering): u then makes \(answering) what it dials",
                   behaviour: .redirect(to: answering, code: 301)),
        DemoNumber(user: busy, description: "486 Busy Here", behaviour: .reject(code: 486)),
    ]

    public struct Configuration: Sendable {
        /// Where to listen; the demo is meant for the loopback address.
        public var host = "127.0.0.1"
        /// 0: a free port (the same one for UDP and TCP).
        public var port = 0
        public var transports: [SIPTransport] = [.udp, .tcp]
        /// Between the 180 and the 200, so "Ringing" is visible.
        public var ringDuration: Duration = .seconds(1)
        /// How long a nonce is good for; after that a right answer gets `stale=true`.
        public var nonceLifetime: Duration = .seconds(300)
        public var timerValues = SIPTimerValues()
        /// A REGISTER asking for less gets 423 Interval Too Brief.
        public var minExpires = 60
        /// A REGISTER asking for more is granted this.
        public var maxExpires = 3600
        /// The RTP port written in the SDP; 0: a free port where the demo echoes what it
        /// receives half a second later (`DemoEchoHandler`).
        public var mediaPort = 0
        /// Sees every message the peer sends and receives.
        public var logSink: (any SIPLogSink)?
        public var numbers: [DemoNumber] = DemoPeer.numbers

        public init() {}
    }

    public let host: String
    /// The port it listens on, for UDP and TCP alike.
    public let port: Int
    public let transports: [SIPTransport]
    /// The endpoint under the peer (its `eventLoop`, its transport for the log).
    public let endpoint: SIPEndpoint
    let runner: NIOLoopBoundBox<DemoPeerRunner>
    /// The echo's RTP and RTCP sockets.
    let echo: [any Channel]
    /// The RTP port its session descriptions name.
    public let mediaPort: Int

    private init(host: String, port: Int, transports: [SIPTransport], endpoint: SIPEndpoint, runner: NIOLoopBoundBox<DemoPeerRunner>,
                 echo: [any Channel], mediaPort: Int) {
        self.echo = echo
        self.mediaPort = mediaPort
        self.host = host
        self.port = port
        self.transports = transports
        self.endpoint = endpoint
        self.runner = runner
    }

    /// Starts listening; the peer answers from then on, until `shutdown()`.
    ///
    /// - Throws: `SIPTransportError` when the port cannot be bound (a given port in use,
    ///   or no free port found after a few tries).
    public static func start(
        _ configuration: Configuration = Configuration(),
        on eventLoop: any EventLoop = MultiThreadedEventLoopGroup.singleton.next()
    ) async throws -> DemoPeer {
        var lastError: (any Error)?
        for _ in 0..<(configuration.port == 0 ? 8 : 1) {
            do {
                let port = configuration.port == 0 ? try await freePort(host: configuration.host, on: eventLoop) : configuration.port
                return try await start(configuration, port: port, on: eventLoop)
            } catch {
                // The port the system gave for UDP is taken for TCP, or someone took it
                // in between: try another.
                lastError = error
            }
        }
        throw lastError ?? SIPTransportError(.bindFailed, "no free port for the demo peer")
    }

    private static func start(_ configuration: Configuration, port: Int, on eventLoop: any EventLoop) async throws -> DemoPeer {
        var echo: [any Channel] = []
        var configuration = configuration
        if configuration.mediaPort == 0 {
            echo = try await DemoEchoHandler.bind(host: configuration.host, on: eventLoop)
            configuration.mediaPort = echo.first?.localAddress?.port ?? 40_000
        }
        let settings = DemoPeerCore.Settings(
            numbers: configuration.numbers, host: configuration.host, port: port, ringDuration: configuration.ringDuration,
            nonceLifetime: configuration.nonceLifetime, timerValues: configuration.timerValues,
            minExpires: configuration.minExpires, maxExpires: configuration.maxExpires, mediaPort: configuration.mediaPort)
        let runner = NIOLoopBoundBox.makeBoxSendingValue(
            DemoPeerRunner(core: DemoPeerCore(settings: settings), eventLoop: eventLoop), eventLoop: eventLoop)
        try await eventLoop.submit { runner.value.ownBox = runner }.get()
        let handlers = SIPEndpoint.Handlers(
            onRequest: { transaction in runner.value.request(transaction) },
            onServerEvent: { key, event in runner.value.serverEvent(key, event) },
            onStray: { inbound in runner.value.stray(inbound) })
        var transport = SIPTransportConfiguration()
        transport.logSink = configuration.logSink
        let endpoint = try SIPEndpoint(eventLoop: eventLoop, timerValues: configuration.timerValues,
                                       configuration: transport, handlers: handlers)
        try await eventLoop.submit { runner.value.endpoint = endpoint }.get()
        do {
            for kind in configuration.transports {
                _ = try await endpoint.listen(kind, on: SIPAddress(host: configuration.host, port: port))
            }
        } catch {
            await endpoint.shutdown()
            try? await eventLoop.submit { runner.value.shutDown() }.get()
            for channel in echo { try? await channel.close() }
            throw error
        }
        return DemoPeer(host: configuration.host, port: port, transports: configuration.transports, endpoint: endpoint, runner: runner,
                        echo: echo, mediaPort: configuration.mediaPort)
    }

    /// A port free for both UDP and TCP on `host` just now.
    static func freePort(host: String, on eventLoop: any EventLoop) async throws -> Int {
        let udp = try await DatagramBootstrap(group: eventLoop).bind(host: host, port: 0).get()
        guard let port = udp.localAddress?.port else {
            try? await udp.close()
            throw SIPTransportError(.bindFailed, "the system gave no port")
        }
        let tcp = try? await ServerBootstrap(group: eventLoop).bind(host: host, port: port).get()
        try? await udp.close()
        try? await tcp?.close()
        guard tcp != nil else { throw SIPTransportError(.bindFailed, "port \(port) is free for UDP but not for TCP") }
        return port
    }

    /// The URI to dial a number: `sip:100@127.0.0.1:5062` (`;transport=tcp` for TCP).
    public func uri(for number: String, transport: SIPTransport = .udp) -> String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "sip:\(number)@\(shownHost):\(port)" + (transport == .udp ? "" : ";transport=\(transport.uriParameter)")
    }

    /// The address to send to.
    public var address: SIPAddress { SIPAddress(host: host, port: port) }

    /// Stops the peer's timers and closes its sockets.
    public func shutdown() async {
        let runner = self.runner
        try? await endpoint.eventLoop.submit { runner.value.shutDown() }.get()
        await endpoint.shutdown()
        for channel in echo { try? await channel.close() }
    }
}
