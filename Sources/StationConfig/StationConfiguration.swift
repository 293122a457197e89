import StationCore

/// The whole configuration of a station, with every default applied.
/// `docs/configuration.md` describes each key; keep the two in step.
public struct StationConfiguration: Sendable, Equatable {
    /// `board`: the board whose `board/NAME/station.toml` supplies defaults.
    public var board: String?
    public var station: Station
    /// `data_dir`: where the store and state files live.
    public var dataDirectory: String
    /// `log_level`.
    public var logLevel: LogLevel
    public var mqtt: MQTT
    public var store: Store
    /// `[[sensor]]` entries, in file order.
    public var sensors: [Sensor]
    public var display: Display
    public var control: Control

    /// `[station]`: who this station is.
    public struct Station: Sendable, Equatable {
        /// `id`: unique in the city; part of every topic and reading id.
        public var id: String
        /// `name`: shown on the display; defaults to the id.
        public var name: String
        /// `location`, if given.
        public var location: Location?
    }

    /// `[station.location]`.
    public struct Location: Sendable, Equatable {
        public var latitude: Double
        public var longitude: Double
        public var description: String?
    }

    /// `[mqtt]`: the uplink to the city data platform.
    public struct MQTT: Sendable, Equatable {
        public enum ProtocolVersion: String, Sendable, Equatable, CaseIterable {
            case v311 = "3.1.1"
            case v5 = "5"
        }
        public var host: String
        /// Defaults to 8883 with TLS, 1883 without.
        public var port: Int
        public var tls: TLS?
        /// `credentials_file`: `username:password` on one line; must not be world-readable.
        public var credentialsFile: String?
        /// Defaults to the station id.
        public var clientID: String
        /// `topic_prefix`: topics are `PREFIX/STATION_ID/...`.
        public var topicPrefix: String
        public var keepalive: Duration
        public var protocolVersion: ProtocolVersion
        /// `in_flight`: QoS 1 messages awaiting PUBACK at once.
        public var inFlight: Int = 20
        /// `batch_max_readings` / `batch_max_bytes`: bounds of one backlog message.
        public var batchMaxReadings: Int = 1000
        public var batchMaxBytes: Int = 256 * 1024
        /// `backlog_rate`: backlog readings per second at most (0: no cap).
        public var backlogRate: Int = 5000
        /// `health_interval`: how often the retained health message is sent.
        public var healthInterval: Duration = .seconds(60)
        /// `reconnect_max_delay`: the cap of the reconnect backoff.
        public var reconnectMaxDelay: Duration = .seconds(10)
        /// `connect_timeout`: how long one connection attempt may take.
        public var connectTimeout: Duration = .seconds(10)
    }

    /// `[mqtt.tls]`: present means TLS is on.
    public struct TLS: Sendable, Equatable {
        /// `ca_file`: the CA bundle that signs the broker's certificate.
        public var caFile: String?
        /// `cert_file` and `key_file`: the client certificate for mutual TLS.
        public var certFile: String?
        public var keyFile: String?
        /// `verify_server`: check the broker's certificate chain (a lab may switch it off).
        public var verifyServer: Bool = true
    }

    /// `[store]`: the durable queue.
    public struct Store: Sendable, Equatable {
        /// How committed readings reach the disk; see docs/store.md for what each loses.
        public enum Sync: Sendable, Equatable {
            /// fsync at every commit.
            case always
            /// fsync at most this often.
            case interval(Duration)
            /// Leave it to the operating system.
            case os
        }
        /// `max_bytes`: the disk budget.
        public var maxBytes: Int64
        /// `max_age`: readings older than this are given up.
        public var maxAge: Duration
        public var sync: Sync
        /// `commit_interval`: how long readings may wait in memory for a group commit.
        public var commitInterval: Duration
    }

    /// `[[sensor]]`.
    public struct Sensor: Sendable, Equatable {
        public var name: String
        public var model: SensorModel
        /// `port`: the serial device, for serial models.
        public var port: String?
        /// `baud`: defaults to the model's own rate.
        public var baud: Int?
        /// `chip` and `line`: the GPIO input, for model `gpio`.
        public var chip: String?
        public var line: Int?
        /// `interval`: how often a serial sensor is read.
        public var interval: Duration
        /// `group`: the occupancy group (e.g. `rack-north`) or display group.
        public var group: String?
        /// `simulate`: run an emulator of the model behind `port` (serial) or
        /// simulated occupancy on `chip` (gpio): the simulated board.
        public var simulate: Bool = false
        /// Serial only; nil means the driver's default for the model
        /// (docs/sensors.md): `mode` (`query`, `active`), `duty_cycle`
        /// (`auto`, `always`, `never`), `warm_up`, `preheat`.
        public var mode: String?
        public var dutyCycle: String?
        public var warmUp: Duration?
        public var preheat: Duration?
        /// GPIO only; nil means the default: `active_low` (false), `bias`
        /// (`as-is`, `disabled`, `pull-up`, `pull-down`), `debounce` (50ms),
        /// `kind` (`presence`, `pulse`), `stuck_after` (none).
        public var activeLow: Bool?
        public var bias: String?
        public var debounce: Duration?
        public var kind: String?
        public var stuckAfter: Duration?
    }

    /// `[display]`.
    public struct Display: Sendable, Equatable {
        public enum Driver: String, Sendable, Equatable, CaseIterable {
            case none, terminal, framebuffer, ssd1306, hd44780
        }
        public var driver: Driver
        /// `device`: the framebuffer (`/dev/fb0`); for I2C panels derived from `bus`.
        public var device: String?
        /// `bus`: the I2C bus number N of `/dev/i2c-N`.
        public var bus: Int?
        /// `address`: the I2C address (defaults 0x3C for SSD1306, 0x27 for HD44780).
        public var address: Int?
        /// `language`: `en` or `de`.
        public var language: String = "en"
        /// `min_interval`: never redraw more often than this.
        public var minInterval: Duration = .seconds(2)
        /// `shift_interval`: an OLED's picture moves one pixel this often (burn-in).
        public var shiftInterval: Duration = .seconds(60)
    }

    /// `[control]`: the technicians' control socket.
    public struct Control: Sendable, Equatable {
        public var socket: String
        /// The group whose members may use `stationctl` besides root.
        public var group: String
    }
}

/// The sensor models the station node speaks.
public enum SensorModel: String, Sendable, Equatable, CaseIterable {
    case sds011, pms5003, pms7003, pmsa003, sps30, mhz19b, s8, scd30, gpio

    /// Whether the model is read over a serial port (else it is a GPIO input).
    public var isSerial: Bool { self != .gpio }

    /// The model's own baud rate.
    public var defaultBaud: Int? {
        switch self {
        case .sds011, .pms5003, .pms7003, .pmsa003, .mhz19b, .s8: return 9600
        case .scd30: return 19_200
        case .sps30: return 115_200
        case .gpio: return nil
        }
    }
}
