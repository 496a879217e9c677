#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds themes by name in the theme directories, in order: `$DIALTONE_THEMES`,
/// `./Themes` (the source tree: `swift run`, `make run`), `<binary dir>/../share/dialtone/Themes`
/// (an installed binary); the built-in dark theme when no file is found.
public struct ThemeLibrary: Sendable {
    public var directories: [String]

    public init(directories: [String]) {
        self.directories = directories
    }

    /// The standard search path for an environment and the running binary's path.
    public static func standard(environment: [String: String], executablePath: String?) -> ThemeLibrary {
        var directories: [String] = []
        if let dir = environment["DIALTONE_THEMES"], !dir.isEmpty { directories.append(dir) }
        directories.append("./Themes")
        if let exe = executablePath, let slash = exe.lastIndex(of: "/") {
            directories.append(String(exe[..<slash]) + "/../share/dialtone/Themes")
        }
        return ThemeLibrary(directories: directories)
    }

    /// The theme called `name`, or why it cannot be had.
    public func load(_ name: String) -> Result<Theme, ThemeError> {
        var visiting: [String] = []
        return unresolved(name, visiting: &visiting, from: nil).flatMap(\.resolvedResult)
    }

    /// The theme called `name`, or the built-in default and the reason it was not used.
    public func loadOrDefault(_ name: String) -> (theme: Theme, problem: ThemeError?) {
        switch load(name) {
        case let .success(theme): (theme, nil)
        case let .failure(error): (.dark, error)
        }
    }

    private func unresolved(_ name: String, visiting: inout [String], from file: String?) -> Result<ThemeLoader.Unresolved, ThemeError> {
        if visiting.contains(name) {
            return .failure(ThemeError(file: file ?? name, key: "inherits", message: "inherits in a circle: \((visiting + [name]).joined(separator: " → "))"))
        }
        visiting.append(name)
        defer { visiting.removeLast() }
        guard !name.contains("/") else {
            return .failure(ThemeError(file: name, key: "", message: "a theme name cannot contain /"))
        }
        for directory in directories {
            let path = directory + "/" + name + ".toml"
            if let text = Self.readFile(path) {
                var seen = visiting
                return ThemeLoader.parse(text, file: path) { parent in
                    self.unresolved(parent, visiting: &seen, from: path)
                }
            }
        }
        if name == "dark" {
            return ThemeLoader.parse(BuiltInThemes.darkTOML, file: "(built-in dark)") { _ in nil }
        }
        return .failure(ThemeError(file: file ?? "\(name).toml", key: "", message: "no theme \"\(name)\" in \(directories.joined(separator: ", ")) (built in: dark)"))
    }

    /// Theme names found in the directories (for `--theme` help), and the built-in.
    public func available() -> [String] {
        var names: Set<String> = ["dark"]
        for directory in directories {
            guard let dir = opendir(directory) else { continue }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafePointer(to: entry.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                }
                if name.hasSuffix(".toml") { names.insert(String(name.dropLast(5))) }
            }
        }
        return names.sorted()
    }

    /// A small text file's contents, or nil when it cannot be read.
    static func readFile(_ path: String) -> String? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&chunk, 1, chunk.count, file)
            if n > 0 { bytes.append(contentsOf: chunk[0..<n]) }
            if n < chunk.count { break }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
