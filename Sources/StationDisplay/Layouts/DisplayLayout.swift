/// The screen layouts, by panel size: what goes where.
public enum DisplayLayout: String, CaseIterable, Sendable, Codable {
    /// SSD1306 OLED, 1 bit.
    case mono128x64 = "128x64"
    /// HD44780 character LCD, 20 columns by 4 rows.
    case text20x4 = "20x4"
    /// Colour framebuffers (3.5" and 5"/7" HDMI or SPI panels).
    case colour480x320 = "480x320"
    case colour800x480 = "800x480"

    /// Draws `content` as this layout shows it (for 20x4: as the LCD's dots).
    public func render(_ content: DisplayContent) -> Canvas {
        switch self {
        case .mono128x64: return MonoLayout.render(content)
        case .text20x4: return TextLayout.canvas(TextLayout.lines(content))
        case .colour480x320: return ColourLayout.render(content, width: 480, height: 320)
        case .colour800x480: return ColourLayout.render(content, width: 800, height: 480)
        }
    }

    /// The colour layout that fits a framebuffer best: the largest whose
    /// size is not more than the screen's.
    public static func colour(width: Int, height: Int) -> DisplayLayout {
        width >= 800 && height >= 480 ? .colour800x480 : .colour480x320
    }
}

/// Text helpers shared by the layouts.
enum Fit {
    /// `text` cut to `count` characters, without the spaces or dashes a
    /// cut can leave at its end.
    static func truncate(_ text: String, _ count: Int) -> String {
        guard text.count > count else { return text }
        var cut = String(text.prefix(count))
        while let last = cut.last, last == " " || last == "-" || last == "," { cut.removeLast() }
        return cut
    }

    /// `left` and `right` on one line of `width` characters, `right` flush right.
    static func spread(_ left: String, _ right: String, _ width: Int) -> String {
        let r = String(right.prefix(width))
        let l = truncate(left, max(0, width - r.count - (r.isEmpty ? 0 : 1)))
        return l + String(repeating: " ", count: max(0, width - l.count - r.count)) + r
    }

    /// Groups as `name free/total`, names shortened until all fit `width`.
    static func groups(_ groups: [DisplayContent.Group], _ width: Int, free: String) -> String {
        if groups.count == 1, let g = groups.first {
            return truncate("\(g.name) \(g.free)/\(g.total) \(free)", width)
        }
        return shortenedGroups(groups, width, minimumName: 1) ?? ""
    }

    /// Names cut to the same length until the line fits; nil when even
    /// `minimumName` characters are too many.
    static func shortenedGroups(_ groups: [DisplayContent.Group], _ width: Int, minimumName: Int) -> String? {
        var chars = groups.map(\.name.count).max() ?? 0
        while true {
            let line = groups.map { "\(truncate($0.name, chars)) \($0.free)/\($0.total)" }.joined(separator: " ")
            if line.count <= width { return line }
            if chars <= minimumName { return nil }
            chars -= 1
        }
    }

    /// `Offline 2h 5m +1234` (the number is the readings queued).
    static func uplink(_ u: DisplayContent.Uplink, _ t: DisplayTexts) -> String {
        switch u {
        case .online: return t.online
        case .offline(let seconds, let queued): return "\(t.offline) \(t.duration(seconds)) +\(queued)"
        }
    }
}
