import StationDisplay
import Testing

/// The terminal preview: two pixels per cell, colours only when they change.
@Suite struct ANSIPreviewTests {
    @Test func halfBlocksCarryTheUpperPixelInFrontAndTheLowerBehind() {
        var canvas = Canvas.mono(width: 3, height: 3)
        canvas[0, 0] = 1
        canvas[1, 0] = 1
        canvas[2, 2] = 1
        let fgWhiteBgBlack = "\u{1B}[38;2;255;255;255;48;2;0;0;0m"
        let black = "\u{1B}[38;2;0;0;0;48;2;0;0;0m"
        // The last row has no lower neighbour: index 0 stands in for it.
        #expect(ANSIPreview.render(canvas) == fgWhiteBgBlack + "▀▀" + black + "▀\u{1B}[0m\n" + black + "▀▀" + fgWhiteBgBlack + "▀\u{1B}[0m\n")
    }

    @Test func textLinesInABox() {
        #expect(ANSIPreview.box(["ab", "cd"]) == "┌──┐\n│ab│\n│cd│\n└──┘\n")
    }
}
