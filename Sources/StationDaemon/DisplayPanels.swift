import StationDisplay
import StationSystem

/// The panel a configuration names, opened.
public enum DisplayPanels {
    /// Opens the configured panel; nil for driver `none`. Throws when the
    /// device cannot be opened (missing, no permission, wrong format).
    public static func open(_ o: DisplayOptions) throws -> (any DisplayPanel)? {
        switch o.driver {
        case .none:
            return nil
        case .terminal:
            return PreviewPanel(layout: .text20x4, textPath: o.textPreviewPath, pngs: [(.colour480x320, o.pngPreviewPath)])
        case .framebuffer:
            return try FramebufferPanel(path: o.device)
        case .ssd1306:
            return SSD1306Panel(bus: try I2CDevice(bus: o.bus ?? 1, address: o.address ?? 0x3C))
        case .hd44780:
            return HD44780Panel(bus: try I2CDevice(bus: o.bus ?? 1, address: o.address ?? 0x27))
        }
    }
}
