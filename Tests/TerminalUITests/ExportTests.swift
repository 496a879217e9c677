#if canImport(Glibc)
import Glibc
#endif
import SIPUserAgent
import Testing
@testable import TerminalUI

@Suite struct ExportTests {
    let entries: [LogEntry] = {
        var s = state(after: PreviewScript(start: t0).untilCredentials())
        _ = s.update(.key(.escape))
        feed(&s, PreviewScript(start: t0).afterCredentials(), from: t0 + 3)
        return s.log.entries
    }()

    @Test func pcapHeaderAndFirstPacket() {
        let bytes = PcapWriter().file(entries)
        #expect(Array(bytes[0..<4]) == [0xD4, 0xC3, 0xB2, 0xA1])
        #expect(bytes[20] == 101) // LINKTYPE_RAW
        let length = Int(bytes[32]) | Int(bytes[33]) << 8
        #expect(length == 28 + entries[0].bytes.count)
        let ip = Array(bytes[40..<60])
        #expect(ip[0] == 0x45 && ip[9] == 17)
        #expect(PcapWriter.checksum(ip) == 0) // a valid header sums to zero
        #expect(Array(ip[12..<16]) == [192, 0, 2, 10]) // sent: from our address
        #expect(Array(ip[16..<20]) == [198, 51, 100, 5])
        #expect(Array(bytes[60..<64]) == [0x13, 0xC4, 0x13, 0xC4]) // 5060 → 5060
        #expect(Array(bytes[68..<(68 + 6)]) == Array("INVITE".utf8))
    }

    @Test func addresses() {
        let fallback = SocketAddressText(octets: [127, 0, 0, 1], port: 5060)
        #expect(SocketAddressText("[2001:db8::1]:5061", fallback: fallback).octets == [0x20, 0x01, 0x0d, 0xb8] + Array(repeating: 0, count: 11) + [1])
        #expect(SocketAddressText("[2001:db8::1]:5061", fallback: fallback).port == 5061)
        #expect(SocketAddressText("::1", fallback: fallback).octets.count == 16)
        #expect(SocketAddressText("10.1.2.3:5080", fallback: fallback) == SocketAddressText(octets: [10, 1, 2, 3], port: 5080))
        #expect(SocketAddressText("pbx.example.test:5060", fallback: fallback).octets.prefix(3) == [192, 0, 2])
        #expect(SocketAddressText(nil, fallback: fallback) == fallback)
    }

    @Test func ipv6AndTCPAndEthernet() {
        var records = entries.prefix(3).map { $0 }
        for i in records.indices {
            records[i].local = "[2001:db8::10]:5060"
            records[i].remote = "[2001:db8::20]:5060"
            records[i].transport = "TCP"
        }
        let bytes = PcapWriter(linkType: .ethernet).file(records)
        #expect(bytes[20] == 1)
        #expect(Array(bytes[52..<54]) == [0x86, 0xDD])
        #expect(bytes[54] >> 4 == 6 && bytes[54 + 6] == 6)
    }

    @Test func textLog() {
        let text = TextLogWriter().text(entries)
        #expect(text.hasPrefix("# Dialtone transaction log: \(entries.count) messages, times in UTC"))
        #expect(text.contains("2026-11-26 12:00:00.300 UTC  sent  UDP 192.0.2.10:5060 → 198.51.100.5:5060  transaction z9hG4bK"))
        #expect(text.contains("SIP/2.0 302 Moved Temporarily\nVia:"))
        #expect(text.contains("retransmission"))
    }

    /// tshark must read every message of the log as SIP, none malformed.
    @Test(.enabled(if: access("/usr/bin/tshark", X_OK) == 0, "tshark is not installed"))
    func tsharkReadsEveryMessageAsSIP() throws {
        var records = entries
        // And one TCP and one IPv6 message in the same file.
        records.append(records[0])
        records[records.count - 1].transport = "TCP"
        records.append(records[1])
        records[records.count - 1].local = "[2001:db8::10]:5060"
        records[records.count - 1].remote = "[2001:db8::20]:5060"
        let path = "/tmp/dialtone-tui-test-\(getpid()).pcap"
        let request = LogExportRequest(pcapPath: path, textPath: path + ".txt", entries: records, clock: WallClock(seconds: t0))
        let result = LogFileWriter.save(request)
        #expect(!result.isError, "\(result.text)")
        defer { unlink(path); unlink(path + ".txt") }
        let output = run("tshark -r \(path) -T fields -e frame.protocols -e sip.Status-Line -e sip.Request-Line -e _ws.malformed -e _ws.expert.severity 2>/dev/null")
        let lines = output.split(separator: "\n")
        #expect(lines.count == records.count, "\(output)")
        for line in lines {
            #expect(line.contains(":sip"), "not SIP: \(line)")
            #expect(!line.lowercased().contains("malformed"), "malformed: \(line)")
        }
        let summary = run("tshark -r \(path) 2>/dev/null")
        #expect(summary.contains("Request: INVITE sip:bob@198.51.100.5"))
        #expect(summary.contains("Status: 302 Moved Temporarily"))
        #expect(summary.contains("Status: 401 Unauthorized"))
        #expect(summary.contains("Request: ACK"))
    }

    private func run(_ command: String) -> String {
        guard let pipe = popen(command, "r") else { return "" }
        var out = ""
        var buffer = [CChar](repeating: 0, count: 4096)
        while fgets(&buffer, Int32(buffer.count), pipe) != nil {
            out += String(cString: buffer)
        }
        pclose(pipe)
        return out
    }
}
