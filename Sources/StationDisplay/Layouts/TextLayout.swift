/// 20x4 characters: name and time; the groups (over both top lines when
/// they do not fit one); the air; the uplink with an alert appended when a
/// sensor is faulty.
public enum TextLayout {
    public static let columns = 20
    public static let rows = 4

    /// Exactly four lines of exactly twenty characters.
    public static func lines(_ c: DisplayContent) -> [String] {
        let t = c.texts
        var air = t.noAir
        if let level = c.air?.level {
            air = "\(t.air) \(t.shortWord(level)) \(level.rawValue)/6"
            if let co2 = c.air?.co2, air.count + " CO₂ \(t.number(co2))".count <= columns { air += " CO₂ \(t.number(co2))" }
        } else if let co2 = c.air?.co2 {
            air = "CO₂ \(t.number(co2)) ppm \(t.word(CO2Level(ppm: co2)))"
        }
        var status = Fit.uplink(c.uplink, t)
        if !c.faults.isEmpty {
            if case .offline = c.uplink { status = t.offline }
            status += " !" + c.faults.joined(separator: ",")
        }
        var top = [Fit.spread(c.station, c.time ?? "", columns), Fit.groups(c.groups, columns, free: t.free)]
        // Groups whose names would shrink below three letters get both top
        // lines: the bays matter more than the station's name.
        if c.groups.count > 1, Fit.shortenedGroups(c.groups, columns, minimumName: 3) == nil {
            let half = (c.groups.count + 1) / 2
            top = [Array(c.groups[..<half]), Array(c.groups[half...])].map { Fit.groups($0, columns, free: t.free) }
        }
        let raw = top + [air, status]
        return raw.map { line in
            let cut = Fit.truncate(line, columns)
            return cut + String(repeating: " ", count: columns - cut.count)
        }
    }

    /// The lines as the LCD shows them: 5x8 cells (the font's 7 rows plus
    /// the cursor row) with one dark-green pixel between cells, lit dots dark.
    public static func canvas(_ lines: [String]) -> Canvas {
        let palette = [RGB(120, 170, 30), RGB(20, 40, 10), RGB(110, 158, 28)]
        var canvas = Canvas(width: 2 + columns * 6 + 1, height: 2 + rows * 9 + 1, palette: palette)
        for (row, line) in lines.prefix(rows).enumerated() {
            for (col, char) in line.prefix(columns).enumerated() {
                let x = 2 + col * 6, y = 2 + row * 9
                canvas.fill(x: x, y: y, width: 5, height: 8, 2)
                canvas.text(String(char), x: x, y: y, font: .small, 1)
            }
        }
        return canvas
    }
}
