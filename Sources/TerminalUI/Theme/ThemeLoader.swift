import TOMLKit

/// Reads a theme's TOML text. A theme has `name`, an optional `inherits`, a `[palette]`
/// of named colours and a `[roles]` table (dotted names quoted, or as nested tables).
/// `inherits` takes the parent's palette and roles first; this file's override them, and
/// roles name palette colours only once both are merged (helix's rule), so a child can
/// recolour its parent by changing the palette alone.
public enum ThemeLoader {
    /// A theme as written, before palette names are resolved.
    public struct Unresolved: Sendable {
        public var name: String
        public var file: String
        var palette: [String: ThemeColor] = [:]
        var roles: [Role: RawStyle] = [:]

        /// Resolves palette names into colours; fails on a name the palette lacks.
        public var resolvedResult: Result<Theme, ThemeError> {
            var declared: [Role: RoleStyle] = [:]
            for (role, raw) in roles {
                var style = RoleStyle(bold: raw.bold, underline: raw.underline, reverse: raw.reverse)
                for (which, ref) in [("fg", raw.fg), ("bg", raw.bg)] {
                    guard let ref else { continue }
                    let color: ThemeColor
                    switch ref.value {
                    case let .literal(value): color = value
                    case let .named(name):
                        guard let value = palette[name] else {
                            return .failure(ThemeError(file: ref.file, key: "roles.\"\(role.rawValue)\".\(which)",
                                                       message: "unknown colour \"\(name)\" (not in [palette], and not \"default\")"))
                        }
                        color = value
                    }
                    if which == "fg" { style.fg = color } else { style.bg = color }
                }
                declared[role] = style
            }
            return .success(Theme(name: name, declared: declared))
        }

        public var resolved: Theme {
            switch resolvedResult {
            case let .success(theme): theme
            case let .failure(error): preconditionFailure("\(error)")
            }
        }
    }

    struct ColorRef: Sendable {
        enum Value: Sendable { case literal(ThemeColor), named(String) }
        var value: Value
        var file: String
    }

    struct RawStyle: Sendable {
        var fg: ColorRef?
        var bg: ColorRef?
        var bold: Bool?
        var underline: Bool?
        var reverse: Bool?

        func over(_ parent: RawStyle) -> RawStyle {
            RawStyle(fg: fg ?? parent.fg, bg: bg ?? parent.bg, bold: bold ?? parent.bold,
                     underline: underline ?? parent.underline, reverse: reverse ?? parent.reverse)
        }
    }

    static let styleKeys: Set<String> = ["fg", "bg", "bold", "underline", "reverse"]

    /// Parses `text` (from `file`, named in errors). `parent` finds an inherited theme by
    /// name, already parsed; nil when there is none by that name.
    public static func parse(_ text: String, file: String,
                             parent: (String) -> Result<Unresolved, ThemeError>?) -> Result<Unresolved, ThemeError> {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            return .failure(ThemeError(file: file, key: "", message: "not valid TOML at line \(error.source.begin.line), column \(error.source.begin.column): \(error.description)"))
        } catch {
            return .failure(ThemeError(file: file, key: "", message: "not valid TOML: \(error)"))
        }
        for key in table.keys where !["name", "inherits", "palette", "roles"].contains(key) {
            return .failure(ThemeError(file: file, key: key, message: "unknown key (a theme has name, inherits, [palette] and [roles])"))
        }
        var theme = Unresolved(name: table["name"]?.string ?? file, file: file)
        if let value = table["inherits"] {
            guard let name = value.string else {
                return .failure(ThemeError(file: file, key: "inherits", message: "must be a theme name in quotes"))
            }
            guard let found = parent(name) else {
                return .failure(ThemeError(file: file, key: "inherits", message: "no theme named \"\(name)\""))
            }
            switch found {
            case let .success(base):
                theme.palette = base.palette
                theme.roles = base.roles
            case let .failure(error): return .failure(error)
            }
        }
        if let value = table["palette"] {
            guard let palette = value.table else {
                return .failure(ThemeError(file: file, key: "palette", message: "must be a table: [palette]"))
            }
            for name in palette.keys {
                switch color(palette[name]!, file: file, key: "palette.\(name)") {
                case let .success(.literal(color)): theme.palette[name] = color
                case .success(.named): return .failure(ThemeError(file: file, key: "palette.\(name)", message: "a palette colour needs { c256 = 0-255, c16 = 0-15 or a name }"))
                case let .failure(error): return .failure(error)
                }
            }
        }
        if let value = table["roles"] {
            guard let roles = value.table else {
                return .failure(ThemeError(file: file, key: "roles", message: "must be a table: [roles]"))
            }
            if let error = readRoles(roles, prefix: "", file: file, into: &theme.roles) { return .failure(error) }
        }
        return .success(theme)
    }

    /// Reads `[roles]`, flattening nested tables into dotted role names.
    private static func readRoles(_ table: TOMLTable, prefix: String, file: String, into roles: inout [Role: RawStyle]) -> ThemeError? {
        var own = RawStyle()
        var hasOwn = false
        for key in table.keys {
            let value = table[key]!
            let path = prefix.isEmpty ? key : prefix + "." + key
            if !prefix.isEmpty && styleKeys.contains(key) {
                hasOwn = true
                let where_ = "roles.\"\(prefix)\".\(key)"
                switch key {
                case "fg", "bg":
                    switch color(value, file: file, key: where_) {
                    case let .success(ref):
                        let r = ColorRef(value: ref, file: file)
                        if key == "fg" { own.fg = r } else { own.bg = r }
                    case let .failure(error): return error
                    }
                default:
                    guard let flag = value.bool else { return ThemeError(file: file, key: where_, message: "must be true or false") }
                    switch key {
                    case "bold": own.bold = flag
                    case "underline": own.underline = flag
                    default: own.reverse = flag
                    }
                }
            } else if let nested = value.table {
                if let error = readRoles(nested, prefix: path, file: file, into: &roles) { return error }
            } else {
                return ThemeError(file: file, key: "roles.\"\(path)\"", message: "must be a table such as { fg = \"red\", bold = true }")
            }
        }
        if hasOwn {
            guard let role = Role(rawValue: prefix) else {
                return ThemeError(file: file, key: "roles.\"\(prefix)\"", message: "unknown role (known: \(Role.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            roles[role] = own.over(roles[role] ?? RawStyle()) 
            // A child file's entry replaces the parent's, field by field.
        }
        return nil
    }

    /// A colour value: a palette name or "default" (a string), or { c256, c16 }.
    private static func color(_ value: TOMLValueConvertible, file: String, key: String) -> Result<ColorRef.Value, ThemeError> {
        if let name = value.string {
            if name == "default" { return .success(.literal(.terminalDefault)) }
            return .success(.named(name))
        }
        guard let table = value.table else {
            return .failure(ThemeError(file: file, key: key, message: "a colour is a palette name, \"default\", or { c256 = 0-255, c16 = 0-15 or a name }"))
        }
        for k in table.keys where k != "c256" && k != "c16" {
            return .failure(ThemeError(file: file, key: key + "." + k, message: "unknown key (a colour has c256 and c16)"))
        }
        guard let c256 = table["c256"]?.int ?? (table["c256"]?.string == "default" ? -1 : nil), (-1...255).contains(c256) else {
            return .failure(ThemeError(file: file, key: key + ".c256", message: "needs a number 0-255"))
        }
        let c16: Int
        if let n = table["c16"]?.int, (0...15).contains(n) {
            c16 = n
        } else if let name = table["c16"]?.string, let n = ThemeColor.ansiNames[name] {
            c16 = n
        } else {
            return .failure(ThemeError(file: file, key: key + ".c16", message: "needs 0-15 or a name (black, red, green, yellow, blue, magenta, cyan, white, bright-…, default)"))
        }
        return .success(.literal(ThemeColor(c256: c256, c16: c16)))
    }
}
