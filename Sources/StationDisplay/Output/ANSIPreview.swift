/// A canvas for a terminal: each character cell shows two pixels with the
/// upper half block `▀` (foreground = upper pixel, background = lower) in
/// 24-bit colour, so a 128x64 panel is 128 columns by 32 lines.
public enum ANSIPreview {
    public static func render(_ canvas: Canvas) -> String {
        var out = ""
        for y in stride(from: 0, to: canvas.height, by: 2) {
            var previous: (UInt8, UInt8)?
            for x in 0..<canvas.width {
                let top = canvas[x, y]
                let bottom = y + 1 < canvas.height ? canvas[x, y + 1] : 0
                if previous == nil || previous! != (top, bottom) {
                    let t = canvas.palette[Int(top)], b = canvas.palette[Int(bottom)]
                    out += "\u{1B}[38;2;\(t.r);\(t.g);\(t.b);48;2;\(b.r);\(b.g);\(b.b)m"
                    previous = (top, bottom)
                }
                out += "▀"
            }
            out += "\u{1B}[0m\n"
        }
        return out
    }

    /// Character lines in a box, for the 20x4 layout.
    public static func box(_ lines: [String]) -> String {
        let width = lines.map(\.count).max() ?? 0
        let rule = String(repeating: "─", count: width)
        return "┌\(rule)┐\n" + lines.map { "│\($0)│\n" }.joined() + "└\(rule)┘\n"
    }
}
