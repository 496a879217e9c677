/// One terminal cell: a grapheme, its role and attributes. A wide grapheme (CJK, most
/// emoji) occupies its cell and the next, which is marked `isContinuation` and drawn by
/// nobody, so columns stay where the terminal puts them.
public struct Cell: Sendable, Hashable {
    public var character: Character
    public var role: Role
    public var style: CellStyle
    public var isContinuation: Bool

    public init(_ character: Character = " ", role: Role = .text, style: CellStyle = [], isContinuation: Bool = false) {
        self.character = character
        self.role = role
        self.style = style
        self.isContinuation = isContinuation
    }

    public static let blank = Cell()
}
