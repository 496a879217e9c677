#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file operations the config and the credential store need, on POSIX calls
/// directly: the credential store must create its file with mode 0600 in the `open` call
/// itself and check the mode of the file it actually opened (`fstat` on the descriptor,
/// not `stat` on the name, so nothing can swap the file in between). Foundation offers
/// neither, and this module stays free of it.
enum FileAccess {
    /// A file's text and what `fstat` said about the file that was read.
    struct Contents {
        var text: String
        /// The permission bits (`0o644`).
        var mode: UInt32
        var owner: UInt32
    }

    /// Why a file could not be read or written, in words (`strerror`).
    struct Failure: Error {
        var reason: String
        /// The file does not exist (ENOENT): for a config, not an error at all.
        var isMissing = false
    }

    static func errnoText(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }

    /// Reads a regular file whole. Symbolic links are followed (a dotfiles repository
    /// often links config.toml); the mode checked is the target's.
    static func readFile(_ path: String) -> Result<Contents, Failure> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            let code = errno
            return .failure(Failure(reason: errnoText(code), isMissing: code == ENOENT))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(Failure(reason: errnoText())) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(Failure(reason: "not a regular file")) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(Failure(reason: errnoText()))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(Failure(reason: "not UTF-8 text"))
        }
        return .success(Contents(text: text, mode: UInt32(info.st_mode) & 0o7777, owner: UInt32(info.st_uid)))
    }

    /// Writes `text` to `path` through a new file created with `mode` in the same
    /// directory and renamed over `path`: a reader sees the old file or the new one, never
    /// half of one, and the new file never exists with a looser mode than `mode` (the
    /// umask can only remove bits). `durable`: fsync before the rename (the credential
    /// store); the dial history, written from the screen's thread, skips it.
    static func writeAtomically(_ text: String, to path: String, mode: UInt32, durable: Bool = true) -> Result<Void, Failure> {
        let directory = parentDirectory(of: path)
        if case let .failure(failure) = makeDirectories(directory) { return .failure(failure) }
        var temporary = ""
        var fd: Int32 = -1
        for attempt in 0..<100 {
            temporary = "\(path).tmp-\(getpid())-\(attempt)"
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(mode))
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { return .failure(Failure(reason: "cannot create \(temporary): \(errnoText())")) }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                let reason = errnoText()
                close(fd)
                unlink(temporary)
                return .failure(Failure(reason: reason))
            }
            bytes = bytes.dropFirst(written)
        }
        let syncFailure = durable && fsync(fd) != 0 ? errnoText() : nil
        let closeFailure = close(fd) != 0 ? errnoText() : nil
        if let reason = syncFailure ?? closeFailure {
            unlink(temporary)
            return .failure(Failure(reason: reason))
        }
        guard rename(temporary, path) == 0 else {
            let reason = errnoText()
            unlink(temporary)
            return .failure(Failure(reason: reason))
        }
        return .success(())
    }

    /// Creates `path` and its missing parents with mode 0700 (they may hold secrets).
    static func makeDirectories(_ path: String) -> Result<Void, Failure> {
        if path.isEmpty || path == "/" || path == "." { return .success(()) }
        var info = stat()
        if stat(path, &info) == 0 {
            return (info.st_mode & S_IFMT) == S_IFDIR ? .success(()) : .failure(Failure(reason: "\(path) is not a directory"))
        }
        if case let .failure(failure) = makeDirectories(parentDirectory(of: path)) { return .failure(failure) }
        if mkdir(path, 0o700) != 0 && errno != EEXIST {
            return .failure(Failure(reason: "cannot create the directory \(path): \(errnoText())"))
        }
        return .success(())
    }

    static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }

    static func environmentValue(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }

    /// `$HOME`, else the password database's entry for this user.
    static func homeDirectory(environment: [String: String]) -> String? {
        if let home = environment["HOME"], !home.isEmpty { return home }
        guard let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir else { return nil }
        return String(cString: dir)
    }

    static var currentUser: UInt32 { UInt32(getuid()) }

    /// `path` with the home directory written `~`, as people write it.
    static func displayPath(_ path: String, home: String?) -> String {
        guard let home, !home.isEmpty, home != "/" else { return path }
        let trimmed = home.hasSuffix("/") ? String(home.dropLast()) : home
        if path == trimmed { return "~" }
        if path.hasPrefix(trimmed + "/") { return "~" + path.dropFirst(trimmed.count) }
        return path
    }

    /// `~/x` → home + `/x`; a relative path → under `base`.
    static func expand(_ path: String, home: String?, base: String) -> String {
        if path == "~" { return home ?? path }
        if path.hasPrefix("~/"), let home { return (home.hasSuffix("/") ? String(home.dropLast()) : home) + path.dropFirst(1) }
        if path.hasPrefix("/") { return path }
        return base.hasSuffix("/") ? base + path : base + "/" + path
    }
}
