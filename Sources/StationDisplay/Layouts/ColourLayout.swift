/// The colour framebuffer layout, designed on a 160-unit-high grid and
/// drawn at k = height / 160 pixels per unit (2 for 480x320, 3 for 800x480),
/// so both sizes show the same picture with integer-scaled fonts.
enum ColourLayout {
    enum Colour {
        static let background: UInt8 = 0, white: UInt8 = 1, grey: UInt8 = 2, header: UInt8 = 3
        static let online: UInt8 = 4, offline: UInt8 = 5, alert: UInt8 = 6, dark: UInt8 = 7
        /// Index of EAQI band n is `band + n - 1`.
        static let band: UInt8 = 8
    }

    /// EAQI colours as the EEA's map uses them, bands 1 to 6.
    static let palette: [RGB] = [
        RGB(16, 24, 40), RGB(255, 255, 255), RGB(120, 130, 145), RGB(36, 56, 88),
        RGB(60, 200, 90), RGB(255, 150, 0), RGB(255, 80, 80), RGB(20, 20, 20),
        RGB(80, 240, 230), RGB(80, 204, 170), RGB(240, 230, 65),
        RGB(255, 80, 80), RGB(150, 0, 50), RGB(125, 33, 129),
    ]

    static func render(_ c: DisplayContent, width: Int, height: Int) -> Canvas {
        var canvas = Canvas(width: width, height: height, palette: palette)
        let k = max(1, height / 160)
        let unitsWide = width / k
        let t = c.texts
        let small = BitmapFont.small, large = BitmapFont.large
        // Characters that fit across, in each font, inside a 6-unit margin.
        let smallColumns = (unitsWide - 12) / small.advance
        func text(_ s: String, _ x: Int, _ y: Int, _ font: BitmapFont, _ colour: UInt8) {
            canvas.text(s, x: x * k, y: y * k, font: font, scale: k, colour)
        }
        func rightText(_ s: String, _ y: Int, _ colour: UInt8) {
            text(s, unitsWide - 6 - small.width(of: s) , y, small, colour)
        }

        // Header: name large, time small at the right.
        canvas.fill(x: 0, y: 0, width: width, height: 21 * k, Colour.header)
        let timeWidth = c.time.map { small.width(of: $0) + 6 } ?? 0
        text(Fit.truncate(c.station, (unitsWide - 12 - timeWidth) / large.advance), 6, 4, large, Colour.white)
        if let time = c.time { rightText(time, 8, Colour.white) }

        // Groups: name, free/total, and a bar of one segment per bay.
        var y = 26
        for g in c.groups.prefix(3) {
            let count = "\(g.free)/\(g.total) \(t.free)"
            text(Fit.truncate(g.name, smallColumns - count.count - 1), 6, y, small, Colour.white)
            rightText(count, y, Colour.white)
            bar(&canvas, free: g.free, total: g.total, x: 6 * k, y: (y + 9) * k, width: (unitsWide - 12) * k, height: 5 * k, gap: k)
            y += 18
        }

        // Air: a box in the band's colour with the word, level and figures.
        let boxY = 84
        if let air = c.air, let level = air.level {
            let fill = Colour.band + UInt8(level.rawValue - 1)
            let ink = level >= .poor ? Colour.white : Colour.dark
            canvas.fill(x: 6 * k, y: boxY * k, width: (unitsWide - 12) * k, height: 41 * k, fill)
            text(Fit.truncate(t.word(level), (unitsWide - 60) / large.advance), 10, boxY + 4, large, ink)
            text("\(level.rawValue)/6", unitsWide - 10 - small.width(of: "\(level.rawValue)/6"), boxY + 4, small, ink)
            text("EAQI", unitsWide - 10 - small.width(of: "EAQI"), boxY + 12, small, ink)
            var figures: [String] = []
            if let pm = air.pm2_5 { figures.append("PM2.5 \(t.number(pm, decimals: 1))") }
            if let pm = air.pm10 { figures.append("PM10 \(t.number(pm, decimals: 1))") }
            text(Fit.truncate(figures.joined(separator: "  ") + " µg/m³", smallColumns - 1), 10, boxY + 22, small, ink)
            if let co2 = air.co2 { text("CO₂ \(t.number(co2)) ppm (\(t.word(CO2Level(ppm: co2))))", 10, boxY + 31, small, ink) }
        } else {
            canvas.frame(x: 6 * k, y: boxY * k, width: (unitsWide - 12) * k, height: 41 * k, Colour.grey)
            let line = c.air?.co2.map { "CO₂ \(t.number($0)) ppm (\(t.word(CO2Level(ppm: $0))))" } ?? t.noAir
            text(line, 10, boxY + 4, small, Colour.grey)
        }

        // Uplink: a coloured square and the words; the alert below it.
        let online = c.uplink == .online
        canvas.fill(x: 6 * k, y: 131 * k, width: 6 * k, height: 6 * k, online ? Colour.online : Colour.offline)
        var status = Fit.uplink(c.uplink, t)
        if case .offline(_, let queued) = c.uplink { status = status.replacingSuffix("+\(queued)", with: "· \(queued) \(t.queued)") }
        text(Fit.truncate(status, smallColumns - 2), 16, 130, small, online ? Colour.white : Colour.offline)
        if !c.faults.isEmpty {
            text(Fit.truncate("! \(t.fault): " + c.faults.joined(separator: ", "), smallColumns), 6, 144, small, Colour.alert)
        }
        return canvas
    }

    /// Free bays green, taken ones grey, in `total` equal segments.
    static func bar(_ canvas: inout Canvas, free: Int, total: Int, x: Int, y: Int, width: Int, height: Int, gap: Int) {
        guard total > 0 else {
            canvas.frame(x: x, y: y, width: width, height: height, Colour.grey)
            return
        }
        let segment = (width + gap) / total
        for i in 0..<total {
            canvas.fill(x: x + i * segment, y: y, width: segment - gap, height: height, i < free ? Colour.online : Colour.grey)
        }
    }
}

extension String {
    func replacingSuffix(_ suffix: String, with replacement: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) + replacement : self
    }
}
