import Foundation

/// A scratch directory for one test: removed by `remove()`, unless the environment sets
/// DIALTONE_KEEP_TEST_FILES (then its path is printed, to look at after a failure).
public struct TemporaryDirectory: Sendable {
    public let url: URL

    public init(prefix: String = "dialtone-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public var path: String { url.path }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    public func write(_ text: String, to name: String) throws {
        try text.write(toFile: path(name), atomically: true, encoding: .utf8)
    }

    public func read(_ name: String) -> String {
        (try? String(contentsOfFile: path(name), encoding: .utf8)) ?? ""
    }

    public func remove() {
        if ProcessInfo.processInfo.environment["DIALTONE_KEEP_TEST_FILES"] != nil {
            print("kept test files in \(url.path)")
            return
        }
        try? FileManager.default.removeItem(at: url)
    }

    /// Every file's text (the last `limit` characters of each), for a failure message.
    public func contents(limit: Int = 6000) -> String {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.sorted().map { name in
            "--- \(name):\n\(read(name).suffix(limit))"
        }.joined(separator: "\n")
    }
}
