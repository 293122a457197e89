/// 128x64, 1 bit: a header bar with the name and time, then six 9-pixel
/// lines: the groups (up to three), the air, the uplink and an alert, with
/// the PM figures and CO2 where room is left. Everything keeps a one-pixel
/// margin so the burn-in shift loses nothing.
public enum MonoLayout {
    public static let columns = 20  // 20 x 6 px inside the margins
    public static let rows = 6

    static func render(_ c: DisplayContent) -> Canvas {
        var canvas = Canvas.mono(width: 128, height: 64)
        canvas.fill(x: 1, y: 1, width: 126, height: 9, 1)
        canvas.text(Fit.spread(c.station, c.time ?? "", columns), x: 4, y: 2, font: .small, 0)
        for (i, line) in lines(c).enumerated() { canvas.text(line, x: 4, y: 11 + i * 9, font: .small, 1) }
        return canvas
    }

    /// The lines in display order; when more than six would be needed, the
    /// least important (CO2, then the PM figures) give way.
    public static func lines(_ c: DisplayContent) -> [String] {
        let t = c.texts
        // (priority: 0 first to keep, line)
        var candidates: [(Int, String)] = []
        if c.groups.count <= 3 {
            candidates += c.groups.map { (1, Fit.spread($0.name, "\($0.free)/\($0.total) \(t.free)", columns)) }
        } else {
            candidates.append((1, Fit.groups(c.groups, columns, free: t.free)))
        }
        if let air = c.air, let level = air.level {
            candidates.append((1, Fit.spread("\(t.air): \(t.shortWord(level))", "\(level.rawValue)/6", columns)))
            var figures = [air.pm2_5.map { "PM2.5 \(t.number($0))" }, air.pm10.map { "PM10 \(t.number($0))" }].compactMap { $0 }.joined(separator: " ")
            if figures.count + 7 <= columns { figures += " µg/m³" }
            candidates.append((2, figures))
        } else if c.air?.co2 == nil {
            candidates.append((2, t.noAir))
        }
        if let co2 = c.air?.co2 {
            var line = "CO₂ \(t.number(co2)) ppm"
            let word = t.word(CO2Level(ppm: co2))
            if line.count + 1 + word.count <= columns { line += " " + word }
            candidates.append((c.air?.level == nil ? 1 : 3, line))
        }
        candidates.append((1, Fit.truncate(Fit.uplink(c.uplink, t), columns)))
        if let first = c.faults.first {
            // The word when it fits, else the sensor names matter more.
            let full = "! \(t.fault): " + c.faults.joined(separator: ",")
            candidates.append((0, full.count <= columns ? full : "! \(first)" + (c.faults.count > 1 ? " +\(c.faults.count - 1)" : "")))
        }

        var kept = Array(candidates.indices)
        while kept.count > rows, let drop = kept.max(by: { (candidates[$0].0, $0) < (candidates[$1].0, $1) }) {
            kept.removeAll { $0 == drop }
        }
        return kept.map { Fit.truncate(candidates[$0].1, columns) }
    }
}
