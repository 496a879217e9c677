import Foundation
import Testing

/// The test fixtures under Tests/SIPCoreTests/Fixtures, read as raw octets.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(relativePath)))
    }

    static func text(_ relativePath: String) throws -> String {
        String(decoding: try bytes(relativePath), as: UTF8.self)
    }

    struct TortureCase: CustomTestStringConvertible, Sendable {
        var name: String
        var section: String
        var expected: String
        var what: String
        var testDescription: String { "\(name) (\(expected))" }
    }

    /// RFC 4475 messages with the verdict MANIFEST.tsv asks for.
    static let torture: [TortureCase] = {
        guard let manifest = try? text("rfc4475/MANIFEST.tsv") else { return [] }
        return manifest.split(separator: "\n").dropFirst().map { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return TortureCase(name: columns[0], section: columns[1], expected: columns[2], what: columns.count > 3 ? columns[3] : "")
        }
    }()

    /// Every file with extension `ext` under `folder`, recursively, sorted.
    static func files(under folder: String, ext: String) -> [String] {
        let root = directory.appendingPathComponent(folder)
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".\(ext)") }.sorted().map { "\(folder)/\($0)" }
    }
}
