// The SIP parser under libFuzzer (fuzz/run.sh builds it with DIALTONE_LIBFUZZER and
// `--sanitize=fuzzer --sanitize=address`), or, in an ordinary build, a replayer that runs
// the same checks on files: `swift run sip-fuzz fuzz/out/crash-...`.
import SIPFuzzSupport

#if DIALTONE_LIBFUZZER
/// libFuzzer calls this once per input. A broken promise aborts, so that libFuzzer keeps
/// the input as a crash; a trap in SIPCore is a crash already.
@_cdecl("LLVMFuzzerTestOneInput")
public func sipParserFuzzOne(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = count > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: count)) : []
    let violations = SIPParserHarness.check(bytes, chunkSeed: SIPParserHarness.chunkSeed(for: bytes))
    if let first = violations.first {
        fatalError("SIP parser fuzz check failed: \(first) (\(violations.count) in all)")
    }
    return 0
}
#else
import Foundation

@main
enum SIPParserReplay {
    static func main() {
        let paths = CommandLine.arguments.dropFirst()
        guard !paths.isEmpty else {
            print("usage: sip-fuzz FILE... — runs the parser fuzz checks on each file (fuzz/run.sh builds the libFuzzer target)")
            exit(2)
        }
        var failed = 0
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("\(path): cannot read")
                failed += 1
                continue
            }
            let bytes = [UInt8](data)
            let violations = SIPParserHarness.check(bytes, chunkSeed: SIPParserHarness.chunkSeed(for: bytes))
            if violations.isEmpty {
                print("\(path): ok (\(bytes.count) octets)")
            } else {
                failed += 1
                for violation in violations { print("\(path): \(violation)") }
            }
        }
        exit(failed == 0 ? 0 : 1)
    }
}
#endif
