/// Something that draws itself into part of a cell buffer (ratatui's Widget). Widgets
/// are values made fresh each frame from the state; they keep nothing.
public protocol Widget {
    func render(_ area: Rect, into buffer: inout CellBuffer)
}
