import StationSystem

/// The display for a person at a terminal or a technician's laptop: each
/// frame is written as an ANSI preview text file and as PNG files, atomically,
/// so a reader (the demo's `cat`, an image viewer) never sees half a frame.
/// Not fsynced: a preview lost at a power cut does not matter, and a frame
/// replaced within the kernel's writeback delay (~30 s) is never written to
/// the card. It renders the content itself in every layout it writes.
public struct PreviewPanel: DisplayPanel {
    /// The layout of the text preview (20x4 gives a small box).
    public let layout: DisplayLayout
    /// Where the ANSI text goes; nil for none.
    public let textPath: String?
    /// PNG files to write, each in its layout.
    public let pngs: [(layout: DisplayLayout, path: String)]

    public init(layout: DisplayLayout = .text20x4, textPath: String?, pngs: [(layout: DisplayLayout, path: String)] = []) {
        self.layout = layout
        self.textPath = textPath
        self.pngs = pngs
    }

    public func show(_ frame: DisplayFrame) throws {
        if let textPath { try FileSystem.writeAtomically(textPath, Array(Self.text(frame).utf8), durable: false) }
        for png in pngs {
            let canvas = png.layout == frame.layout || frame.content == nil ? frame.canvas : png.layout.render(frame.content!)
            try FileSystem.writeAtomically(png.path, PNGWriter.encode(canvas), durable: false)
        }
    }

    /// A boxed 20x4 text for character layouts, half-block pixels otherwise.
    public static func text(_ frame: DisplayFrame) -> String {
        if let lines = frame.lines { return ANSIPreview.box(lines) }
        return ANSIPreview.render(frame.canvas)
    }
}
