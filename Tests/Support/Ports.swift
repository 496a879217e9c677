import Foundation
import NIOCore
import NIOPosix

/// The transports a peer process (sipp, kamailio) listens on.
public enum PeerTransport: String, Sendable {
    case udp
    case tcp

    /// sipp's `-t` value: one socket for everything.
    public var sippMode: String { self == .udp ? "u1" : "t1" }
}

/// A port free on 127.0.0.1 for both UDP and TCP just now (bound by NIO, then released).
public func freePort(host: String = "127.0.0.1") async throws -> Int {
    for _ in 0..<20 {
        let udp = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: host, port: 0).get()
        guard let port = udp.localAddress?.port else { continue }
        let tcp = try? await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: host, port: port).get()
        try await udp.close()
        if let tcp {
            try await tcp.close()
            return port
        }
    }
    throw TestSupportError("no port free for both UDP and TCP on \(host) after 20 tries")
}

/// `count` different free ports (each free for UDP and TCP when it was picked).
public func freePorts(_ count: Int, host: String = "127.0.0.1") async throws -> [Int] {
    var ports: [Int] = []
    while ports.count < count {
        let port = try await freePort(host: host)
        if !ports.contains(port) { ports.append(port) }
    }
    return ports
}

/// Whether something listens on 127.0.0.1:`port` (a bound UDP socket, a TCP socket in
/// LISTEN), read from /proc/net: how a test knows a peer is ready without sending it
/// anything that would count as a call.
public func isListening(port: Int, transport: PeerTransport) -> Bool {
    let file = transport == .udp ? "/proc/net/udp" : "/proc/net/tcp"
    guard let table = try? String(contentsOfFile: file, encoding: .utf8) else { return false }
    let wanted = String(format: "0100007F:%04X", port)
    for line in table.split(separator: "\n").dropFirst() {
        let fields = line.split(separator: " ")
        guard fields.count > 3, fields[1] == wanted else { continue }
        if transport == .udp || fields[3] == "0A" { return true }
    }
    return false
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
