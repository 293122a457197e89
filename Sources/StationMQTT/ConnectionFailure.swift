/// Why the link to the broker is down, in words a technician can act on.
public struct ConnectionFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broad class of a failure, which decides how loudly it is reported.
    public enum Kind: String, Sendable, Equatable {
        /// No TCP connection (refused, unreachable, name not resolved, timed out).
        case network
        /// The broker refused the user name/password or the client (CONNACK).
        case authentication
        /// The TLS handshake failed (unknown CA, bad certificate, wrong host name).
        case tls
        /// An established link went silent (no traffic within 1.5 x keepalive).
        case silentLink
        /// The connection was lost, or the broker spoke something unexpected.
        case connectionLost
        /// The options themselves are wrong (a file missing, an invalid value).
        case configuration
    }

    public var kind: Kind
    /// What failed and why, e.g. `broker refused the login: bad user name or password (CONNACK 4)`.
    public var reason: String

    public init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }

    public var description: String { reason }

    /// Whether retrying soon is unlikely to help without someone changing
    /// something (credentials, certificates, config): such failures are
    /// logged as errors, the others as warnings.
    public var needsAttention: Bool {
        kind == .authentication || kind == .tls || kind == .configuration
    }
}
