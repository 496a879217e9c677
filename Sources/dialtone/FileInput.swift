#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading whole files and standard input as octets, with errors a user can act on.
enum FileInput {
    struct ReadError: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "\(path): \(reason)" }
    }

    static func read(path: String) throws(ReadError) -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            throw ReadError(path: path, reason: String(cString: strerror(errno)))
        }
        defer { fclose(file) }
        return try readAll(file, name: path)
    }

    static func readStandardInput() throws(ReadError) -> [UInt8] {
        // fdopen rather than the C global `stdin`, which Swift 6 treats as shared mutable state.
        guard let file = fdopen(STDIN_FILENO, "rb") else {
            throw ReadError(path: "<stdin>", reason: String(cString: strerror(errno)))
        }
        return try readAll(file, name: "<stdin>")
    }

    private static func readAll(_ file: UnsafeMutablePointer<FILE>, name: String) throws(ReadError) -> [UInt8] {
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count > 0 { data.append(contentsOf: chunk[0..<count]) }
            if count < chunk.count {
                if ferror(file) != 0 { throw ReadError(path: name, reason: String(cString: strerror(errno))) }
                return data
            }
        }
    }
}
