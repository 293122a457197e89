import StationConfig
import StationDisplay

/// How the display service runs, from `[display]`.
public struct DisplayOptions: Sendable, Equatable {
    public var driver: StationConfiguration.Display.Driver
    /// The framebuffer device (`/dev/fb0` unless `device` says otherwise).
    public var device: String
    public var bus: Int?
    public var address: Int?
    /// `display.language`.
    public var language: DisplayLanguage = .en
    /// Never redraw more often than this (`display.min_interval`).
    public var minimumIntervalNanos: UInt64 = 2_000_000_000
    /// The OLED moves one pixel this often (`display.shift_interval`).
    public var shiftPeriodNanos: UInt64 = 60_000_000_000
    /// How often live state is looked at; a change shows within this.
    public var pollNanos: UInt64 = 1_000_000_000
    /// Where the terminal driver writes `display.txt` and `display.png`.
    public var previewDirectory: String

    /// The options of a configuration.
    public init(_ c: StationConfiguration) {
        driver = c.display.driver
        device = c.display.device ?? "/dev/fb0"
        bus = c.display.bus
        address = c.display.address
        language = DisplayLanguage(rawValue: c.display.language) ?? .en
        minimumIntervalNanos = c.display.minInterval.wholeNanoseconds
        shiftPeriodNanos = c.display.shiftInterval.wholeNanoseconds
        previewDirectory = c.dataDirectory
    }

    /// The layout the configured panel shows (a framebuffer's depends on
    /// its screen; 480x320 stands for it here).
    public var layout: DisplayLayout {
        switch driver {
        case .ssd1306: return .mono128x64
        case .hd44780, .terminal: return .text20x4
        case .framebuffer, .none: return .colour480x320
        }
    }

    public var textPreviewPath: String { previewDirectory + "/display.txt" }
    public var pngPreviewPath: String { previewDirectory + "/display.png" }
}
