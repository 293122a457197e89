import CMosquitto

/// The libmosquitto the uplink runs on.
public enum MosquittoLibrary {
    /// The linked library's version (`mosquitto_lib_version`), e.g. `2.0.11`.
    public static var version: String {
        var major: Int32 = 0
        var minor: Int32 = 0
        var revision: Int32 = 0
        mosquitto_lib_version(&major, &minor, &revision)
        return "\(major).\(minor).\(revision)"
    }
}
