#if canImport(Glibc)
import Glibc
#endif

/// Wall-clock time in the station's time zone (`TZ` or /etc/localtime).
public enum LocalTime {
    /// `HH:MM` of `epochSeconds` (`localtime_r`).
    public static func hoursMinutes(epochSeconds: Int64) -> String {
        var seconds = time_t(epochSeconds)
        var parts = tm()
        guard localtime_r(&seconds, &parts) != nil else { return "--:--" }
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(two(parts.tm_hour)):\(two(parts.tm_min))"
    }
}
