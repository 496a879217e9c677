import Foundation
import Synchronization

/// The transports a peer process (sipp, kamailio) listens on.
public enum PeerTransport: String, Sendable {
    case udp
    case tcp

    /// sipp's `-t` value: one socket for everything.
    public var sippMode: String { self == .udp ? "u1" : "t1" }
}

/// A port free on `host` for both UDP and TCP just now.
///
/// Ports come from below the kernel's ephemeral range (32768–60999 here), handed out in
/// turn by one process-wide counter: a port bound to :0 by anyone (a Dialtone under test,
/// a NIO client, sipp's own sockets) can never be one we are about to give a peer, and two
/// tests never get the same one. Each is still probed with a bind before it is returned.
public func freePort(host: String = "127.0.0.1") async throws -> Int {
    try TestPortAllocator.shared.ports(1, host: host)[0]
}

/// `count` consecutive ports starting at the returned one, all free: sipp's `-mp` takes
/// the audio port and binds the next ones (RTCP, video at +2, its RTCP) as well.
public func freePortBlock(_ count: Int, host: String = "127.0.0.1") async throws -> Int {
    try TestPortAllocator.shared.ports(count, host: host)[0]
}

/// `count` different free ports (each free for UDP and TCP when it was picked).
public func freePorts(_ count: Int, host: String = "127.0.0.1") async throws -> [Int] {
    var ports: [Int] = []
    for _ in 0..<count { ports.append(try await freePort(host: host)) }
    return ports
}

/// Hands out test ports from 20000..<32000, starting at a random place so two test
/// processes on one machine rarely meet.
final class TestPortAllocator: Sendable {
    static let shared = TestPortAllocator()
    private static let range = 20000..<32000
    private let next = Mutex(Int.random(in: TestPortAllocator.range))

    /// `count` consecutive free ports (UDP and TCP), as an array.
    func ports(_ count: Int, host: String) throws -> [Int] {
        for _ in 0..<500 {
            let first = next.withLock { next -> Int in
                if next + count > Self.range.upperBound { next = Self.range.lowerBound }
                defer { next += count }
                return next
            }
            let block = Array(first..<(first + count))
            if block.allSatisfy({ canBind(port: $0, host: host) }) { return block }
        }
        throw TestSupportError("no \(count) consecutive free ports on \(host) in \(Self.range) after 500 tries")
    }

    private func canBind(port: Int, host: String) -> Bool {
        [SOCK_DGRAM, SOCK_STREAM].allSatisfy { bindProbe(host: host, port: port, type: $0) == 0 }
    }
}

/// Whether something listens on 127.0.0.1:`port` (a bound UDP socket, a TCP socket in
/// LISTEN): how a test knows a peer is ready without sending it anything that would
/// count as a call.
public func isListening(port: Int, transport: PeerTransport) -> Bool {
    // A bind probe: if 127.0.0.1:port cannot be bound, someone holds it. (Reading
    // /proc/net/udp missed sockets on a loaded machine.)
    bindProbe(host: "127.0.0.1", port: port, type: transport == .udp ? SOCK_DGRAM : SOCK_STREAM) == EADDRINUSE
}

/// Binds a fresh socket of `type` to `host` (an IPv4 or IPv6 literal) and `port`, then
/// closes it: 0 if the bind worked, else its errno (EINVAL for a host that is no address).
func bindProbe(host: String, port: Int, type: __socket_type) -> Int32 {
    let family = host.contains(":") ? AF_INET6 : AF_INET
    let fd = socket(family, Int32(type.rawValue), 0)
    guard fd >= 0 else { return errno }
    defer { close(fd) }
    func bindTo<Address>(_ address: Address) -> Int32 {
        withUnsafePointer(to: address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<Address>.size)) }
        } == 0 ? 0 : errno
    }
    if family == AF_INET6 {
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        address.sin6_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET6, host, &address.sin6_addr) == 1 else { return EINVAL }
        return bindTo(address)
    }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { return EINVAL }
    return bindTo(address)
}

/// Sends one datagram to 127.0.0.1:`port` from an ephemeral port and returns the first
/// datagram that comes back within `timeout` (nil if none). For probing a SIP server with
/// an OPTIONS; blocking, so call it from a test, not from an event loop.
public func udpExchange(_ text: String, port: Int, timeout: Duration = .seconds(1)) -> String? {
    let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let (seconds, attoseconds) = timeout.components
    var limit = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    let bytes = Array(text.utf8)
    let sent = withUnsafePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            sendto(fd, bytes, bytes.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    }
    guard sent == bytes.count else { return nil }
    var buffer = [UInt8](repeating: 0, count: 65_536)
    let received = recv(fd, &buffer, buffer.count, 0)
    guard received > 0 else { return nil }
    return String(decoding: buffer[0..<received], as: UTF8.self)
}
