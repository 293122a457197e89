import StationCore
import StationMQTT
import StationSensors
import StationStore

/// The firmware version with the C libraries it runs on, for `--version` and
/// the technician's first question.
public enum Versions {
    public static var summary: String {
        "\(StationVersion.current) (sqlite \(SQLiteLibrary.version), libmosquitto \(MosquittoLibrary.version), libgpiod \(GPIOLibrary.version))"
    }
}
