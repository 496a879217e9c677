/// What the terminal can show, decided once at start: `NO_COLOR` (any non-empty value,
/// no-color.org) or a terminal without colours gets attributes only; 8 and 16 colours
/// get each role's fallback; 256 and more the full value.
public enum ColorMode: Sendable, Hashable {
    case none, ansi8, ansi16, xterm256

    public static func detect(colors: Int, hasColors: Bool, environment: [String: String]) -> ColorMode {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        guard hasColors, colors >= 8 else { return .none }
        if colors >= 256 { return .xterm256 }
        if colors >= 16 { return .ansi16 }
        return .ansi8
    }
}

/// A role's look reduced to what one terminal can show: colour numbers (-1 for the
/// default) and attributes. CursesTerminal turns these into colour pairs.
public struct TerminalStyle: Sendable, Hashable {
    public var fg: Int
    public var bg: Int
    public var bold: Bool
    public var underline: Bool
    public var reverse: Bool
}
