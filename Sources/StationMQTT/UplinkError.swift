/// Why the uplink cannot start: a setting or a file is wrong. (A broker
/// that is down is not an error here: the uplink keeps retrying.)
public struct UplinkError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Equatable {
        case option
        case credentials
        case client
    }

    private let code: Code
    /// The whole message, naming the setting or file and what to do.
    public let description: String

    private init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }

    /// An option out of range: `key` is its config name (`mqtt.in_flight`).
    public static func option(_ key: String, _ why: String) -> UplinkError {
        UplinkError(.option, "\(key): \(why)")
    }

    /// The credentials file is missing, malformed or not private.
    public static func credentials(_ path: String, _ why: String) -> UplinkError {
        UplinkError(.credentials, "credentials file \(path) \(why)")
    }

    /// libmosquitto refused the settings (TLS files, client id).
    public static func client(_ failure: ConnectionFailure) -> UplinkError {
        UplinkError(.client, failure.reason)
    }

    /// Whether this is about the credentials file.
    public var isCredentialsProblem: Bool { code == .credentials }
}
