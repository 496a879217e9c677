/// Attributes a cell carries besides its role. Themes may add more per role; these are
/// the ones a widget asks for itself (a reversed selection, a bold heading).
public struct CellStyle: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = CellStyle(rawValue: 1 << 0)
    public static let underline = CellStyle(rawValue: 1 << 1)
    public static let reverse = CellStyle(rawValue: 1 << 2)
}
