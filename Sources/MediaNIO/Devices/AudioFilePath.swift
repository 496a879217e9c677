// What the file system says about a path, before libsndfile gives its vaguer reasons.
import Glibc

/// Checks a path so that a missing file, a directory and an empty file each get their own
/// message (libsndfile reports all three as an unrecognised format or a bare errno).
enum AudioFilePath {
    enum Status: Equatable {
        case missing
        case notRegularFile
        case empty
        case regularFile
        case unknown(errno: Int32)
    }

    static func status(of path: String) -> Status {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            return code == ENOENT || code == ENOTDIR ? .missing : .unknown(errno: code)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .notRegularFile }
        return info.st_size == 0 ? .empty : .regularFile
    }

    /// True when `path` names a directory (an output path that cannot be a file).
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The last path component, for the screen: "/tmp/in.wav" -> "in.wav".
    static func fileName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        let name = path[path.index(after: slash)...]
        return name.isEmpty ? path : String(name)
    }

    /// The C library's words for an errno value.
    static func describe(errno code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
