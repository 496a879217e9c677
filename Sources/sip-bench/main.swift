// sip-bench: throughput of the SIP stack's sans-IO layers.
//
//   sip-bench parse DIR [--iterations N]
//   sip-bench transactions [--count N]
//   sip-bench udp-sipp [--seconds N] [--window W] [--scenario FILE]
//
// parse: SIPCore's parser, comparable with the C programs in bench/c.
// Every file in DIR is read into memory first; then each is parsed N times the way the
// stack parses a received datagram: framed, and the Call-ID, CSeq and top Via (branch,
// sent-by) read through the typed accessors. Without --iterations, N is chosen so the
// run takes about a second. The last line is the cost per message, e.g. `2750 ns/msg`.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SIPCore
import SIPTransaction

func fail(_ text: String) -> Never {
    let line = Array("sip-bench: \(text)\n".utf8)
    _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    exit(2)
}

func readFile(_ path: String) -> [UInt8] {
    guard let file = fopen(path, "rb") else { fail("\(path): \(String(cString: strerror(errno)))") }
    defer { fclose(file) }
    var data: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
        data.append(contentsOf: chunk[0..<count])
        if count < chunk.count { return data }
    }
}

func messageFiles(in directory: String) -> [String] {
    guard let dir = opendir(directory) else { fail("\(directory): \(String(cString: strerror(errno)))") }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        if name.hasSuffix(".sip") || name.hasSuffix(".dat") || name.hasSuffix(".msg") {
            names.append(directory + "/" + name)
        }
    }
    return names.sorted()
}

/// Parses every message once; returns a checksum so nothing is optimised away.
@inline(never)
func parseAll(_ messages: [[UInt8]]) -> Int {
    var sink = 0
    for bytes in messages {
        guard let message = try? SIPMessageParser.parse(bytes),
              let callID = message.callID,
              let cseq = message.cseq,
              let via = message.topVia,
              let branch = via.branch else {
            return -1
        }
        sink &+= callID.utf8.count &+ Int(cseq.sequence) &+ branch.utf8.count &+ via.host.utf8.count &+ (via.port ?? 0)
    }
    return sink
}

var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "transactions" {
    runTransactionBenchmark(arguments: Array(arguments.dropFirst()))
    exit(0)
}
if arguments.first == "udp-sipp" {
    runSippUDPBenchmark(arguments: Array(arguments.dropFirst()))
    exit(0)
}
guard arguments.first == "parse", arguments.count >= 2 else {
    fail("usage: sip-bench parse DIR [--iterations N] | sip-bench transactions [--count N] | sip-bench udp-sipp [--seconds N] [--window W]")
}
let directory = arguments[1]
var iterations: Int?
if let flag = arguments.firstIndex(of: "--iterations") {
    guard flag + 1 < arguments.count, let n = Int(arguments[flag + 1]), n > 0 else {
        fail("--iterations needs a positive number")
    }
    iterations = n
}

let files = messageFiles(in: directory)
guard !files.isEmpty else { fail("no .sip, .dat or .msg files in \(directory)") }
let messages = files.map(readFile)
for (file, bytes) in zip(files, messages) where parseAll([bytes]) < 0 {
    fail("\(file): does not parse, or lacks Call-ID, CSeq or a Via with a branch")
}

let clock = ContinuousClock()
func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

// Calibrate: about one second of work unless told how much.
var rounds = iterations ?? 1
if iterations == nil {
    while true {
        let elapsed = seconds(clock.measure { _ = parseAll(messages) }) * Double(rounds)
        if elapsed > 0.05 || rounds > 1 << 20 {
            rounds = max(1, Int(Double(rounds) / max(elapsed, 1e-9)))
            break
        }
        rounds *= 4
        for _ in 1..<rounds { _ = parseAll(messages) }
    }
}

var checksum = 0
let elapsed = seconds(clock.measure {
    for _ in 0..<rounds { checksum &+= parseAll(messages) }
})
let total = Double(messages.count * rounds)
let nsPerMessage = elapsed * 1e9 / total
let perSecond = total / elapsed
print("dialtone: \(messages.count) messages x \(rounds) iterations: \(Int(perSecond)) msg/s, \(Int(nsPerMessage.rounded())) ns/msg (checksum \(checksum))")
print("\(Int(nsPerMessage.rounded())) ns/msg")
