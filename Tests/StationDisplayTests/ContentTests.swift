import FoundationEssentials
import StationDisplay
import Testing

/// The index bands, the words, and the character layout's exact text.
@Suite struct ContentTests {
    @Test func eaqiBandEdgesBelongToTheUpperBand() {
        #expect(AirQualityLevel.forPM2_5(9.9) == .good)
        #expect(AirQualityLevel.forPM2_5(10) == .fair)
        #expect(AirQualityLevel.forPM2_5(25) == .poor)
        #expect(AirQualityLevel.forPM2_5(75) == .extremelyPoor)
        #expect(AirQualityLevel.forPM10(39.9) == .fair)
        #expect(AirQualityLevel.forPM10(50) == .poor)
        #expect(AirQualityLevel.forPM10(150) == .extremelyPoor)
        // The worse of the two decides.
        #expect(DisplayContent.Air(pm2_5: 4, pm10: 45).level == .moderate)
        #expect(DisplayContent.Air(co2: 800).level == nil)
        #expect(CO2Level(ppm: 999) == .harmless)
        #expect(CO2Level(ppm: 2000) == .elevated)
        #expect(CO2Level(ppm: 2001) == .unacceptable)
    }

    @Test func textLayoutLinesAreExact() {
        #expect(TextLayout.lines(Samples.allFree) == [
            "Hauptbahnhof N 08:15",
            "rack 4/4 carsh 2/2  ",
            "Air Good 1/6 CO₂ 540",
            "Online              ",
        ])
        #expect(TextLayout.lines(Samples.nearlyFullPoorAir) == [
            "rack 1/12 cargo 0/3 ",
            "carshare 1/4 free   ",
            "Air Poor 4/6        ",
            "Online              ",
        ])
        #expect(TextLayout.lines(Samples.offlineBacklog) == [
            "Mobilitätsstation Sü",
            "Fahrräder 7/10 frei ",
            "Luft Mäßig 2/6      ",
            "Offline 2h 5m +1234 ",
        ])
        #expect(TextLayout.lines(Samples.sensorFault) == [
            "Mobilitätsstat 06:05",
            "Fahrr 3/10 Laste 1/2",
            "CO₂ 2300 ppm hoch   ",
            "Online !pm-entrance ",
        ])
    }

    @Test func monoLayoutDropsTheLeastImportantLinesFirst() {
        #expect(MonoLayout.lines(Samples.nearlyFullPoorAir) == [
            "rack-north 1/12 free",
            "cargo       0/3 free",
            "carshare    1/4 free",
            "Air: Poor        4/6",
            "PM2.5 39 PM10 61",
            "Online",
        ])
        #expect(MonoLayout.lines(Samples.sensorFault) == [
            "Fahrräder  3/10 frei",
            "Lastenräder 1/2 frei",
            "CO₂ 2300 ppm hoch",
            "Online",
            "! pm-entrance +1",
        ])
    }

    @Test func everyWordHasGlyphsInBothFonts() {
        var text = ""
        for language in DisplayLanguage.allCases {
            let t = DisplayTexts(language)
            text += t.free + t.air + t.online + t.offline + t.queued + t.fault + t.noAir + t.duration(200_000)
            for level in AirQualityLevel.allCases { text += t.word(level) + t.shortWord(level) }
            for level in [CO2Level.harmless, .elevated, .unacceptable] { text += t.word(level) }
        }
        text += "µg/m³ CO₂ m² 21,5°C"
        let missing = Set(text).filter { !BitmapFont.small.covers($0) || !BitmapFont.large.covers($0) }
        #expect(missing.isEmpty, "no glyph for \(missing.sorted())")
    }

    @Test func germanNumbersUseADecimalComma() {
        #expect(DisplayTexts(.de).number(12.44, decimals: 1) == "12,4")
        #expect(DisplayTexts(.en).number(12.46, decimals: 1) == "12.5")
        #expect(DisplayTexts(.en).duration(3 * 86_400 + 4 * 3600) == "3d 4h")
        #expect(DisplayTexts(.de).duration(3 * 86_400 + 4 * 3600) == "3T 4h")
    }

    @Test func contentRoundTripsThroughJSON() throws {
        // The state file of `stationctl display preview --state`.
        let json = try JSONEncoder().encode(Samples.offlineBacklog)
        #expect(String(decoding: json, as: UTF8.self).contains(#""uplink":{"offline":{"#))
        #expect(try JSONDecoder().decode(DisplayContent.self, from: json) == Samples.offlineBacklog)
    }
}
