/// The languages the display speaks (`display.language`).
public enum DisplayLanguage: String, Codable, Sendable, CaseIterable {
    case en, de
}

/// Every word the display shows, in one language.
public struct DisplayTexts: Sendable {
    public let language: DisplayLanguage

    public init(_ language: DisplayLanguage) { self.language = language }

    private func pick(_ en: String, _ de: String) -> String { language == .de ? de : en }

    public var free: String { pick("free", "frei") }
    public var air: String { pick("Air", "Luft") }
    public var online: String { pick("Online", "Online") }
    public var offline: String { pick("Offline", "Offline") }
    public var queued: String { pick("queued", "gepuffert") }
    public var fault: String { pick("Fault", "Störung") }
    public var noAir: String { pick("no air data", "keine Luftdaten") }

    /// The EAQI band's word (EEA's own wording in each language).
    public func word(_ level: AirQualityLevel) -> String {
        switch level {
        case .good: return pick("Good", "Gut")
        case .fair: return pick("Fair", "Mäßig")
        case .moderate: return pick("Moderate", "Mittel")
        case .poor: return pick("Poor", "Schlecht")
        case .veryPoor: return pick("Very poor", "Sehr schlecht")
        case .extremelyPoor: return pick("Extremely poor", "Extrem schlecht")
        }
    }

    /// Shorter words for narrow panels (128x64, 20x4).
    public func shortWord(_ level: AirQualityLevel) -> String {
        switch level {
        case .veryPoor: return pick("V.poor", "S.schl.")
        case .extremelyPoor: return pick("Extreme", "Extrem")
        default: return word(level)
        }
    }

    public func word(_ level: CO2Level) -> String {
        switch level {
        case .harmless: return pick("ok", "ok")
        case .elevated: return pick("ventilate", "lüften")
        case .unacceptable: return pick("high", "hoch")
        }
    }

    /// `offline 2h 5m` / `offline 3d 4h`.
    public func duration(_ seconds: Int) -> String {
        let d = pick("d", "T")
        if seconds >= 86_400 { return "\(seconds / 86_400)\(d) \(seconds % 86_400 / 3600)h" }
        if seconds >= 3600 { return "\(seconds / 3600)h \(seconds % 3600 / 60)m" }
        if seconds >= 60 { return "\(seconds / 60)m" }
        // Offline times are whole minutes: under one is "<1m", not "0s".
        return "<1m"
    }

    /// A measurement with at most one decimal, German decimal comma.
    public func number(_ value: Double, decimals: Int = 0) -> String {
        let scale = decimals == 1 ? 10.0 : 1.0
        let scaled = Int((value * scale).rounded())
        let text = decimals == 1 ? "\(scaled / 10)\(pick(".", ","))\(abs(scaled % 10))" : "\(scaled)"
        return text
    }
}
