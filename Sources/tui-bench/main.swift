// tui-bench: loads 100,000 transaction-log entries into the screen's state the way the
// user agent would deliver them (parsed records, each with its own octets), then prints
// the time to render one frame and the resident memory each entry costs.
#if canImport(Glibc)
import Glibc
#endif
import SIPCore
import SIPUserAgent
import TerminalUI

func residentBytes() -> Int {
    guard let file = fopen("/proc/self/statm", "r") else { return 0 }
    defer { fclose(file) }
    var size = 0, resident = 0
    withUnsafeMutablePointer(to: &size) { s in
        withUnsafeMutablePointer(to: &resident) { r in
            _ = withVaList([s, r]) { vfscanf(file, "%ld %ld", $0) }
        }
    }
    return resident * Int(sysconf(Int32(_SC_PAGESIZE)))
}

func seconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

let count = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 100_000 : 100_000
let start = 1_795_694_400.0
let script = PreviewScript(start: start)
let templates: [SIPMessageLogRecord] = PreviewScript.timed(script.untilCredentials() + script.afterCredentials() + script.hangUp(), from: start)
    .compactMap { if case let .log(record) = $0.event { record } else { nil } }

var state = AppState(accounts: [PreviewScript.account], size: (120, 40), clock: WallClock(seconds: start))
let before = residentBytes()
let loadStart = seconds()
for i in 0..<count {
    let template = templates[i % templates.count]
    let call = i / templates.count
    // Each call its own Call-ID and branches, so every entry has its own octets and
    // transactions group as they would in a long session.
    let text = String(decoding: template.bytes, as: UTF8.self)
        .replacing("a84b4c76e66710", with: "c\(call)x\(call &* 7919)")
        .replacing("a84b-", with: "\(call)-")
    let bytes = Array(text.utf8)
    var record = template
    record.bytes = bytes
    record.message = try? SIPMessageParser.parse(bytes)
    record.time = start + Double(i) * 0.01
    record.transactionKey = record.message?.topVia?.branch.map { "\($0)/\(record.message?.cseq?.method.rawValue ?? "")/client" }
    _ = state.update(.event(.log(record)))
}
let loadTime = seconds() - loadStart
let after = residentBytes()
_ = state.update(.tick(WallClock(seconds: start + Double(count) * 0.01)))

func timeRenders(_ label: String, _ state: AppState, cols: Int = 120, rows: Int = 40, runs: Int = 50) {
    var times: [Double] = []
    var previous: CellBuffer?
    var changed = 0
    for _ in 0..<runs {
        let t = seconds()
        let frame = Screen.render(state, cols: cols, rows: rows)
        changed = frame.changes(since: previous).count
        times.append(seconds() - t)
        previous = frame
    }
    print("  \(label): \(String(format: "%.3f", median(times) * 1000)) ms per frame (median of \(runs); min \(String(format: "%.3f", times.min()! * 1000)) ms)")
    _ = changed
}

print("tui-bench: \(count) log entries (\(state.log.count) in the log, \(state.calls.count) calls)")
print("  load: \(String(format: "%.2f", loadTime)) s (\(String(format: "%.1f", loadTime / Double(count) * 1e6)) µs per entry: parse + update)")
print("  resident memory: \((after - before) / 1024) KiB more after loading = \((after - before) / count) bytes per entry (message octets average \(state.log.entries.reduce(0) { $0 + $1.bytes.count } / count))")
timeRenders("render 120×40, following the newest line", state)
timeRenders("render 200×60", state, cols: 200, rows: 60)
var scrolled = state
_ = scrolled.update(.key(.escape))
for _ in 0..<3 { _ = scrolled.update(.key(.pageUp)) }
timeRenders("render 120×40, scrolled, detail of a 3xx/4xx line", scrolled)
var filtered = state
let filterStart = seconds()
filtered.applyFilterForBenchmark("4xx")
print("  filter \"4xx\" over \(count) entries: \(String(format: "%.1f", (seconds() - filterStart) * 1000)) ms → \(filtered.log.rows.count) lines")
timeRenders("render 120×40 with the filter", filtered)
var ladder = state
_ = ladder.update(.key(.escape))
_ = ladder.update(.key(.character("f")))
timeRenders("render the ladder of one call", ladder)
