import CSIPResolv

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The system's resolver: NAPTR and SRV through libresolv (`res_nquery`, answers read by
/// `DNSMessage`), addresses through `getaddrinfo` (so `/etc/hosts` and `localhost` work
/// as everywhere else on the machine). Every call blocks: run it on a thread pool.
public struct SystemNameLookup: SIPNameLookup {
    public init() {}

    public func records(_ name: String, type: DNSRecordType) throws(SIPNameLookupError) -> DNSLookupResult {
        var size = 4096
        while true {
            var answer = [UInt8](repeating: 0, count: size)
            let length = answer.withUnsafeMutableBufferPointer {
                csip_res_query(name, Int32(type.rawValue), $0.baseAddress, Int32($0.count))
            }
            switch length {
            case CSIP_RES_HOST_NOT_FOUND:
                throw .noSuchName
            case CSIP_RES_NO_DATA:
                return .empty
            case CSIP_RES_TRY_AGAIN:
                throw SIPNameLookupError(.temporaryFailure, "no DNS server answered (or one failed)")
            case CSIP_RES_INIT_FAILED:
                throw SIPNameLookupError(.failure, "the system resolver could not be set up (check /etc/resolv.conf)")
            case ..<0:
                throw SIPNameLookupError(.failure, "the DNS server refused the query")
            default:
                break
            }
            let count = Int(length)
            if count > size && size < 65_535 {
                size = 65_535   // the answer was cut to our buffer: ask again with room for any
                continue
            }
            let message: DNSMessage
            do {
                message = try DNSMessage(parsing: Array(answer.prefix(min(count, size))))
            } catch {
                throw SIPNameLookupError(.failure, error.description)
            }
            return DNSLookupResult(
                records: message.answers.filter { $0.type == type },
                additionalAddresses: message.additionals.filter { $0.type == .a || $0.type == .aaaa })
        }
    }

    public func addresses(of host: String) throws(SIPNameLookupError) -> [String] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Darwin)
        hints.ai_socktype = SOCK_DGRAM
        #else
        hints.ai_socktype = Int32(SOCK_DGRAM.rawValue)
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        defer { if let list { freeaddrinfo(list) } }
        switch status {
        case 0:
            break
        case EAI_NONAME:
            throw .noSuchName
        case EAI_AGAIN:
            throw SIPNameLookupError(.temporaryFailure, "no DNS server answered (or one failed)")
        default:
            throw SIPNameLookupError(.failure, String(cString: gai_strerror(status)))
        }
        var result: [String] = []
        var entry = list
        while let info = entry?.pointee {
            if let address = info.ai_addr, let text = Self.text(of: address) {
                if !result.contains(text) { result.append(text) }
            }
            entry = info.ai_next
        }
        return result
    }

    private static func text(of address: UnsafeMutablePointer<sockaddr>) -> String? {
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            return address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                var bytes = $0.pointee.sin_addr
                return IPAddressText.format(withUnsafeBytes(of: &bytes) { Array($0) })
            }
        case AF_INET6:
            return address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                var bytes = $0.pointee.sin6_addr
                return IPAddressText.format(withUnsafeBytes(of: &bytes) { Array($0) })
            }
        default:
            return nil
        }
    }
}
