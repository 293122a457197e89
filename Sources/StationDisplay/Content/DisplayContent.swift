/// What the station's display shows, independent of any panel: computed
/// from live state by the daemon, or read from a state file by `stationctl
/// display preview --state`. Its JSON is that state file's format
/// (docs/display.md).
public struct DisplayContent: Codable, Sendable, Equatable {
    /// Free and total bays of one occupancy group.
    public struct Group: Codable, Sendable, Equatable {
        public var name: String
        public var free: Int
        public var total: Int
        public init(name: String, free: Int, total: Int) {
            self.name = name
            self.free = free
            self.total = total
        }
    }

    /// The latest air measurements (each the mean over the sensors that report it).
    public struct Air: Codable, Sendable, Equatable {
        /// µg/m³.
        public var pm2_5: Double?
        public var pm10: Double?
        /// ppm.
        public var co2: Double?
        public init(pm2_5: Double? = nil, pm10: Double? = nil, co2: Double? = nil) {
            self.pm2_5 = pm2_5
            self.pm10 = pm10
            self.co2 = co2
        }

        /// The European Air Quality Index level of the worse of PM2.5 and PM10;
        /// nil without particulate readings.
        public var level: AirQualityLevel? {
            [pm2_5.map(AirQualityLevel.forPM2_5), pm10.map(AirQualityLevel.forPM10)].compactMap { $0 }.max()
        }
    }

    /// Whether the station reaches the city platform.
    public enum Uplink: Codable, Sendable, Equatable {
        case online
        /// Offline for `seconds`, with `queued` readings waiting.
        case offline(seconds: Int, queued: Int)
    }

    public var language: DisplayLanguage
    public var station: String
    public var groups: [Group]
    public var air: Air?
    public var uplink: Uplink
    /// `HH:MM`, only when the kernel says the clock is synchronised.
    public var time: String?
    /// Names of sensors that are not delivering (alert line).
    public var faults: [String]

    public init(language: DisplayLanguage = .en, station: String, groups: [Group] = [], air: Air? = nil, uplink: Uplink = .online, time: String? = nil, faults: [String] = []) {
        self.language = language
        self.station = station
        self.groups = groups
        self.air = air
        self.uplink = uplink
        self.time = time
        self.faults = faults
    }

    enum CodingKeys: String, CodingKey {
        case language, station, groups, air, uplink, time, faults
    }

    /// A hand-written state file may leave out everything but `station`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        language = try c.decodeIfPresent(DisplayLanguage.self, forKey: .language) ?? .en
        station = try c.decode(String.self, forKey: .station)
        groups = try c.decodeIfPresent([Group].self, forKey: .groups) ?? []
        air = try c.decodeIfPresent(Air.self, forKey: .air)
        uplink = try c.decodeIfPresent(Uplink.self, forKey: .uplink) ?? .online
        time = try c.decodeIfPresent(String.self, forKey: .time)
        faults = try c.decodeIfPresent([String].self, forKey: .faults) ?? []
    }

    /// The texts in this content's language.
    public var texts: DisplayTexts { DisplayTexts(language) }
}
