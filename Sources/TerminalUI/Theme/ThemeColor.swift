/// A colour as a theme gives it: a 256-colour index and the 16-colour fallback used on
/// smaller terminals. -1 in both is the terminal's own default colour.
public struct ThemeColor: Sendable, Hashable {
    public var c256: Int
    public var c16: Int

    public init(c256: Int, c16: Int) {
        self.c256 = c256
        self.c16 = c16
    }

    public static let terminalDefault = ThemeColor(c256: -1, c16: -1)

    /// The 16 ANSI names a theme may use for `c16` (and `default`).
    public static let ansiNames: [String: Int] = [
        "default": -1,
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "bright-black": 8, "gray": 8, "grey": 8, "bright-red": 9, "bright-green": 10, "bright-yellow": 11,
        "bright-blue": 12, "bright-magenta": 13, "bright-cyan": 14, "bright-white": 15,
    ]
}
