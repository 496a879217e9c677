import NIOCore
import NIOPosix
import SIPCore
import SIPTransaction
import SIPUserAgent

/// Runs a `SIPUserAgent` (sans-IO) on a `SIPEndpoint`'s event loop: commands in, one
/// stream of events out (the user agent's, and a log record for every message on the
/// wire). This is the SIP stack as a front end uses it — the TUI, `--no-tui`, or any
/// program — with no terminal involved.
///
/// Everything the user agent owns runs on the endpoint's loop: its state, its timers
/// (NIO scheduled tasks), the server transactions it answers. `send(_:)` may be called
/// from any thread; it hops to the loop.
public final class SIPUserAgentRunner: Sendable {
    public struct Options: Sendable {
        /// Where to listen (port 0: any free port).
        public var bind: SIPAddress
        /// Which transports to open on `bind` (the same port for each when it is free).
        public var transports: [SIPTransport]
        /// The host our Contact and Via name, when the bound address is not how peers reach
        /// us (the wildcard address, NAT). Nil: the bound address.
        public var advertisedHost: String?
        public var timerValues: SIPTimerValues
        public var transport: SIPTransportConfiguration

        public init(bind: SIPAddress = .ipv4("127.0.0.1", 0), transports: [SIPTransport] = [.udp], advertisedHost: String? = nil,
                    timerValues: SIPTimerValues = SIPTimerValues(), transport: SIPTransportConfiguration = SIPTransportConfiguration()) {
            self.bind = bind
            self.transports = transports
            self.advertisedHost = advertisedHost
            self.timerValues = timerValues
            self.transport = transport
        }
    }

    /// The events, in the order they happened; finishes after `shutdown()`.
    public let events: AsyncStream<SIPUserAgentEvent>
    public let endpoint: SIPEndpoint
    /// Where we listen, per transport.
    public let listening: [(SIPTransport, SIPAddress)]
    let driver: NIOLoopBoundBox<SIPUserAgentDriver>

    private init(events: AsyncStream<SIPUserAgentEvent>, endpoint: SIPEndpoint, listening: [(SIPTransport, SIPAddress)],
                 driver: NIOLoopBoundBox<SIPUserAgentDriver>) {
        self.events = events
        self.endpoint = endpoint
        self.listening = listening
        self.driver = driver
    }

    /// Opens the sockets, tells the user agent its Contact addresses, and starts.
    /// - Throws: when a socket cannot be opened (the address is in use…) or TLS cannot be set up.
    public static func start(configuration: SIPUserAgentConfiguration, options: Options = Options(),
                             eventLoop: any EventLoop = MultiThreadedEventLoopGroup.singleton.next()) async throws -> SIPUserAgentRunner {
        let (events, continuation) = AsyncStream<SIPUserAgentEvent>.makeStream()
        let agent = SIPUserAgent(configuration: configuration, random: { UInt64.random(in: .min ... .max) })
        let driver = NIOLoopBoundBox.makeBoxSendingValue(
            SIPUserAgentDriver(agent: agent, eventLoop: eventLoop, continuation: continuation), eventLoop: eventLoop)
        var transportConfiguration = options.transport
        transportConfiguration.logSink = SIPUserAgentLogSink(driver: driver, next: options.transport.logSink)
        let handlers = SIPEndpoint.Handlers(
            onRequest: { server in driver.value.received(server) },
            onServerEvent: { key, event in driver.value.serverEvent(key, event) },
            onStray: { inbound in driver.value.stray(inbound) },
            onDropped: { inbound, reason in
                driver.value.emit(.error("dropped a message from \(inbound.source.remote): \(reason)"))
            })
        let endpoint = try SIPEndpoint(eventLoop: eventLoop, timerValues: options.timerValues,
                                       configuration: transportConfiguration, handlers: handlers)
        var listening: [(SIPTransport, SIPAddress)] = []
        do {
            var port = options.bind.port
            for transport in options.transports {
                let bound = try await endpoint.listen(transport, on: SIPAddress(host: options.bind.host, port: port),
                                                      advertising: options.advertisedHost)
                listening.append((transport, bound))
                // The other transports on the same port when it is free (peers expect it).
                if port == 0 { port = bound.port }
            }
        } catch {
            await endpoint.shutdown()
            continuation.finish()
            throw error
        }
        // As a URI writes it: an IPv6 address in brackets.
        var host = options.advertisedHost ?? (options.bind.isWildcard ? "127.0.0.1" : options.bind.host)
        if host.contains(":") && !host.hasPrefix("[") { host = "[\(host)]" }
        var contacts: [SIPAccount.Transport: (host: String, port: Int)] = [:]
        for (transport, address) in listening {
            switch transport {
            case .udp: contacts[.udp] = (host, address.port)
            case .tcp: contacts[.tcp] = (host, address.port)
            case .tls: contacts[.tls] = (host, address.port)
            }
        }
        try await eventLoop.submit {
            driver.value.endpoint = endpoint
            driver.value.agent.setContactAddresses(contacts)
        }.get()
        return SIPUserAgentRunner(events: events, endpoint: endpoint, listening: listening, driver: driver)
    }

    /// Asks the user agent to do something; the answer comes as events.
    public func send(_ command: SIPUserAgentCommand) {
        let driver = self.driver
        driver.eventLoop.execute { driver.value.handle(command) }
    }

    /// A call's state now.
    public func state(of call: SIPCallHandle) async -> SIPCallState? {
        let driver = self.driver
        return try? await driver.eventLoop.submit { driver.value.agent.state(of: call) }.get()
    }

    /// True when no call is up, no registration is bound and no request is out.
    public func isIdle() async -> Bool {
        let driver = self.driver
        return (try? await driver.eventLoop.submit { driver.value.agent.isIdle }.get()) ?? true
    }

    /// Stops timers and transactions, closes the sockets, and finishes `events`. Hang up
    /// and unregister first (and wait for `isIdle`) for a clean goodbye on the wire.
    public func shutdown() async {
        let driver = self.driver
        try? await driver.eventLoop.submit { driver.value.stop() }.get()
        await endpoint.shutdown()
        try? await driver.eventLoop.submit { driver.value.finish() }.get()
    }

    /// The local address the system would use toward `host` (an IP literal; anything else
    /// asks for the default route): what to advertise when listening on the wildcard address.
    public static func localHost(toward host: String) -> String? {
        SIPRouteProbe.localHost(toward: SIPAddress(host: host, port: 5060))
            ?? SIPRouteProbe.localHost(toward: SIPAddress(host: "192.0.2.1", port: 5060))
    }
}
