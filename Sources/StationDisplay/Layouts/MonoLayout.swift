/// 128x64, 1 bit: a header bar with the name and time, then one line each
/// for up to two groups, the air, its figures, the uplink and an alert.
/// Everything keeps a one-pixel margin so the burn-in shift loses nothing.
enum MonoLayout {
    static func render(_ c: DisplayContent) -> Canvas {
        var canvas = Canvas.mono(width: 128, height: 64)
        let t = c.texts
        let font = BitmapFont.small
        let columns = 20  // 20 x 6 px + margins
        canvas.fill(x: 1, y: 1, width: 126, height: 9, 1)
        canvas.text(Fit.spread(c.station, c.time ?? "", columns), x: 4, y: 2, font: font, 0)

        var lines: [String] = []
        if c.groups.count <= 2 {
            lines += c.groups.map { Fit.spread($0.name, "\($0.free)/\($0.total) \(t.free)", columns) }
        } else {
            lines.append(Fit.groups(c.groups, columns, free: t.free))
        }
        if let air = c.air, let level = air.level {
            lines.append(Fit.spread("\(t.air): \(t.shortWord(level))", "\(level.rawValue)/6", columns))
            var figures: [String] = []
            if let pm = air.pm2_5 { figures.append("PM2.5 \(t.number(pm))") }
            if let pm = air.pm10 { figures.append("PM10 \(t.number(pm))") }
            lines.append(Fit.truncate(figures.joined(separator: " ") + " µg/m³", columns))
        } else {
            lines.append(t.noAir)
        }
        if let co2 = c.air?.co2 { lines.append(Fit.truncate("CO₂ \(t.number(co2)) ppm \(t.word(CO2Level(ppm: co2)))", columns)) }
        lines.append(Fit.truncate(Fit.uplink(c.uplink, t), columns))
        if !c.faults.isEmpty { lines.append(Fit.truncate("! \(t.fault): " + c.faults.joined(separator: ","), columns)) }
        // Six rows fit under the header; the alert is the one that must not be cut.
        if lines.count > 6 {
            let alert = c.faults.isEmpty ? nil : lines.removeLast()
            lines = Array(lines.prefix(alert == nil ? 6 : 5)) + (alert.map { [$0] } ?? [])
        }
        for (i, line) in lines.enumerated() { canvas.text(line, x: 4, y: 11 + i * 9, font: font, 1) }
        return canvas
    }
}
