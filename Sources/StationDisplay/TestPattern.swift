/// `stationctl display test`: what proves a panel works end to end: a
/// border on the outermost pixels (orientation and size), a checkerboard
/// corner (every pixel addressable), and every glyph of the font.
public enum TestPattern {
    public static func frame(_ layout: DisplayLayout) -> DisplayFrame {
        let lines = [
            "ABCDEFGHIJKLMNOPQRST", "abcdefghijklmnopqrst", "0123456789 ÄÖÜäöüß²·", "µg/m³ CO₂ 20° UVWXYZ",
        ]
        if layout == .text20x4 {
            return DisplayFrame(layout: layout, canvas: TextLayout.canvas(lines), lines: lines)
        }
        var canvas = layout.render(DisplayContent(station: ""))
        canvas.pixels = [UInt8](repeating: 0, count: canvas.pixels.count)
        let ink: UInt8 = 1
        canvas.frame(x: 0, y: 0, width: canvas.width, height: canvas.height, ink)
        for y in 2..<10 { for x in 2..<10 where (x + y) % 2 == 0 { canvas.plot(x, y, ink) } }
        let k = canvas.isMono ? 1 : canvas.height / 160
        for (i, line) in lines.enumerated() {
            canvas.text(line, x: 4 * k, y: (12 + i * 9) * k, font: .small, scale: k, ink)
        }
        if !canvas.isMono {
            // The colour palette in stripes, to check channel order (red stays red).
            let stripe = canvas.width / canvas.palette.count
            for i in 0..<canvas.palette.count {
                canvas.fill(x: i * stripe, y: canvas.height - 20 * k, width: stripe, height: 18 * k, UInt8(i))
            }
        }
        return DisplayFrame(layout: layout, canvas: canvas)
    }
}
