/// A long-running part of the daemon (the store, the uplink, a sensor, the
/// control socket).
///
/// Requirements: `prepare()` acquires what the service needs (open a file,
/// bind a socket) and throws if it cannot, before the daemon reports ready.
/// `run()` works until its task is cancelled, then returns promptly (within
/// the group's shutdown timeout). A service that can recover from a failure
/// (a sensor unplugged, a broker down) does so inside `run()`; returning or
/// throwing while the daemon is running means the daemon cannot go on, and it
/// exits non-zero so that systemd restarts it.
public protocol Service: Sendable {
    /// A short name for logs (`store`, `uplink`, `sensor pm-entrance`).
    var name: String { get }
    func prepare() async throws
    func run() async throws
    /// Gives back what `prepare()` acquired, for a service that will not run
    /// because a later one failed to prepare (`run()` does this itself on stop).
    func release()
}

extension Service {
    public func prepare() async throws {}
    public func release() {}
}
