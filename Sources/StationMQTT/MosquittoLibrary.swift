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

    // `mosquitto_lib_init` initialises OpenSSL and the random source; it must
    // run once per process before any client, and a Swift global is lazily
    // initialised exactly once, thread-safely.
    private static let initialised: Bool = {
        mosquitto_lib_init()
        return true
    }()

    /// Calls `mosquitto_lib_init` once per process.
    static func initialiseOnce() {
        _ = initialised
    }
}
