/// One frame for a panel: the layout's pixels, and for character panels
/// the text, with the content it came from.
public struct DisplayFrame: Sendable, Equatable {
    public var layout: DisplayLayout
    /// The layout's pixels (for 20x4: how the LCD's dots look).
    public var canvas: Canvas
    /// The characters, for a character panel.
    public var lines: [String]?
    /// What the frame shows; nil for a test pattern.
    public var content: DisplayContent?

    public init(layout: DisplayLayout, canvas: Canvas, lines: [String]? = nil, content: DisplayContent? = nil) {
        self.layout = layout
        self.canvas = canvas
        self.lines = lines
        self.content = content
    }

    /// `content` in `layout`, moved by the burn-in shift.
    public static func render(_ content: DisplayContent, layout: DisplayLayout, shift: (dx: Int, dy: Int) = (0, 0)) -> DisplayFrame {
        var canvas = layout.render(content)
        if shift != (0, 0) { canvas = canvas.shifted(dx: shift.dx, dy: shift.dy) }
        let lines = layout == .text20x4 ? TextLayout.lines(content) : nil
        return DisplayFrame(layout: layout, canvas: canvas, lines: lines, content: content)
    }
}

/// A physical or virtual display.
///
/// Requirements: `prepare()` brings the panel up (opens the device, sends
/// the controller's init sequence) and may be called again after a failure;
/// `show(_:)` puts one whole frame on it, which is in `layout`. Neither
/// waits for more than the controller's own timing. The redraw policy (only
/// on change, at most at a rate) is the `DisplayController`'s, not the panel's.
public protocol DisplayPanel: Sendable {
    /// The layout the panel shows.
    var layout: DisplayLayout { get }
    /// Whether the picture must move now and then (OLEDs burn in).
    var needsBurnInShift: Bool { get }
    func prepare() throws
    func show(_ frame: DisplayFrame) throws
}

extension DisplayPanel {
    public var needsBurnInShift: Bool { false }
    public func prepare() throws {}
}
