import Foundation
import Testing

/// Tests that run the built `dialtone` binary, as a user would.
protocol DialtoneCLITest {}

struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

struct BinaryNotFound: Error, CustomStringConvertible {
    var tried: [String]
    var description: String {
        "the dialtone binary was not found; build it first (swift build --build-tests) or set DIALTONE_BINARY. Looked in: "
            + tried.joined(separator: ", ")
    }
}

extension DialtoneCLITest {
    /// The `dialtone` executable. SwiftPM puts executables and the test bundle in the same
    /// products directory, so look beside the test runner first, then in the package's
    /// default debug build; $DIALTONE_BINARY overrides both.
    static func binary() throws -> URL {
        var candidates: [URL] = []
        if let path = ProcessInfo.processInfo.environment["DIALTONE_BINARY"], !path.isEmpty {
            candidates.append(URL(fileURLWithPath: path))
        }
        // macOS: the parent of the .xctest bundle. Linux: the runner executable's directory.
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("dialtone"))
        }
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(runner.deletingLastPathComponent().appendingPathComponent("dialtone"))
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("dialtone"))
        // Tests/DialtoneCLITests/ExplainCommandTests.swift → the package root.
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/dialtone"))

        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) {
            return found
        }
        throw BinaryNotFound(tried: candidates.map(\.path))
    }

    func dialtone(_ arguments: String..., columns: Int = 100) throws -> Run {
        try dialtone(arguments: arguments, columns: columns)
    }

    func dialtone(arguments: [String], columns: Int = 100, input: [UInt8]? = nil) throws -> Run {
        let process = Process()
        process.executableURL = try Self.binary()
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = String(columns)
        process.environment = environment
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input))
            try stdin.fileHandleForWriting.close()
        }
        // Read before waiting, so that a full pipe cannot block the child. The output is a
        // few kilobytes, well under a pipe's buffer, so reading one pipe after the other is safe.
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus,
            stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self)
        )
    }
}
