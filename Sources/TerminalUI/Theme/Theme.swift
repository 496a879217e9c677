/// A colour theme: every role's style, resolved (dotted roles already fall back to their
/// parents). Loaded from `Themes/<name>.toml` by `ThemeLibrary`; `Theme.dark` is built in.
public struct Theme: Sendable {
    public var name: String
    public private(set) var styles: [Role: RoleStyle]

    /// Resolves `declared` styles through the role hierarchy (`log.4xx` ← `log` ← `text`).
    public init(name: String, declared: [Role: RoleStyle]) {
        self.name = name
        var styles: [Role: RoleStyle] = [:]
        func resolve(_ role: Role) -> RoleStyle {
            if let done = styles[role] { return done }
            let own = declared[role] ?? RoleStyle()
            let resolved = role.parent.map { own.over(resolve($0)) } ?? own
            styles[role] = resolved
            return resolved
        }
        for role in Role.allCases { _ = resolve(role) }
        self.styles = styles
    }

    public func style(_ role: Role) -> RoleStyle { styles[role] ?? RoleStyle() }

    /// What `role` looks like in `mode`. Without colours, a role with a background (status
    /// bar, selection, fields) is drawn reversed so it still stands out.
    public func terminalStyle(_ role: Role, mode: ColorMode) -> TerminalStyle {
        let s = style(role)
        let bold = s.bold ?? false, underline = s.underline ?? false, reverse = s.reverse ?? false
        func pick(_ color: ThemeColor?) -> Int {
            guard let color else { return -1 }
            switch mode {
            case .none: return -1
            case .ansi8: return color.c16 >= 8 ? color.c16 - 8 : color.c16
            case .ansi16: return color.c16
            case .xterm256: return color.c256
            }
        }
        if mode == .none {
            let hasBackground = (s.bg.map { $0 != .terminalDefault } ?? false)
            return TerminalStyle(fg: -1, bg: -1, bold: bold, underline: underline, reverse: reverse || hasBackground)
        }
        return TerminalStyle(fg: pick(s.fg), bg: pick(s.bg), bold: bold, underline: underline, reverse: reverse)
    }

    /// The built-in default, so Dialtone runs with no theme files at all. The same text
    /// ships as `Themes/dark.toml` (a test keeps them equal).
    public static let dark: Theme = {
        switch ThemeLoader.parse(BuiltInThemes.darkTOML, file: "(built-in dark)", parent: { _ in nil }) {
        case let .success(theme): return theme.resolved
        case let .failure(error): preconditionFailure("the built-in dark theme does not parse: \(error)")
        }
    }()
}
