#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Which local IP address the system would send from to reach a destination: what a
/// socket bound to the wildcard address (0.0.0.0 or ::) puts in its Via sent-by.
///
/// It connects a UDP socket (which sends nothing: connect on UDP only picks the route)
/// and reads its local address. Non-blocking; a few system calls.
enum SIPRouteProbe {
    static func localHost(toward destination: SIPAddress) -> String? {
        guard let octets = IPAddressText.parse(destination.host) else { return nil }
        let family = octets.count == 4 ? AF_INET : AF_INET6
        #if canImport(Darwin)
        let kind = SOCK_DGRAM
        #else
        let kind = Int32(SOCK_DGRAM.rawValue)
        #endif
        let fd = socket(family, kind, 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var storage = sockaddr_storage()
        var length: socklen_t
        if family == AF_INET {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(truncatingIfNeeded: destination.port).bigEndian)
            withUnsafeMutableBytes(of: &address.sin_addr) { $0.copyBytes(from: octets) }
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            withUnsafeMutableBytes(of: &storage) { raw in
                withUnsafeBytes(of: address) { raw.copyMemory(from: $0) }
            }
        } else {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = in_port_t(UInt16(truncatingIfNeeded: destination.port).bigEndian)
            withUnsafeMutableBytes(of: &address.sin6_addr) { $0.copyBytes(from: octets) }
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            withUnsafeMutableBytes(of: &storage) { raw in
                withUnsafeBytes(of: address) { raw.copyMemory(from: $0) }
            }
        }
        let connected = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, length) }
        }
        guard connected == 0 else { return nil }
        var local = sockaddr_storage()
        var localLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &localLength) }
        }
        guard named == 0 else { return nil }
        if family == AF_INET {
            return withUnsafeBytes(of: &local) { raw in
                let address = raw.load(as: sockaddr_in.self)
                return IPAddressText.format(withUnsafeBytes(of: address.sin_addr) { Array($0) })
            }
        }
        return withUnsafeBytes(of: &local) { raw in
            let address = raw.load(as: sockaddr_in6.self)
            return IPAddressText.format(withUnsafeBytes(of: address.sin6_addr) { Array($0) })
        }
    }
}
