/// How a role looks: colours (nil: the parent role's) and attributes.
public struct RoleStyle: Sendable, Hashable {
    public var fg: ThemeColor?
    public var bg: ThemeColor?
    public var bold: Bool?
    public var underline: Bool?
    public var reverse: Bool?

    public init(fg: ThemeColor? = nil, bg: ThemeColor? = nil, bold: Bool? = nil, underline: Bool? = nil, reverse: Bool? = nil) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
    }

    /// This style with what it leaves unset taken from `parent`.
    func over(_ parent: RoleStyle) -> RoleStyle {
        RoleStyle(fg: fg ?? parent.fg, bg: bg ?? parent.bg, bold: bold ?? parent.bold,
                  underline: underline ?? parent.underline, reverse: reverse ?? parent.reverse)
    }
}
