import CGPIOD

/// The libgpiod the GPIO inputs run on.
public enum GPIOLibrary {
    /// The linked library's version (`gpiod_version_string`), e.g. `1.6.3`.
    public static var version: String { String(cString: gpiod_version_string()) }
}
