#if canImport(Glibc)
import Glibc
#endif

/// A pseudo-terminal pair (`openpty`): the simulators hold the master and
/// a driver opens the slave path like any serial device.
public struct PseudoTerminal: Sendable {
    /// The side the simulator reads commands from and writes frames to.
    public let master: FileDescriptor
    /// A slave descriptor kept open by the owner: without one, the master
    /// sees a hang-up whenever no driver has the port open.
    public let slave: FileDescriptor
    /// `/dev/pts/N`.
    public let slavePath: String

    /// `openpty`, both ends close-on-exec and the master non-blocking; the
    /// slave is put in raw 8N1 at `baud` so no line discipline touches the bytes.
    public static func open(baud: Int = 9600) throws(SystemError) -> PseudoTerminal {
        var master: Int32 = -1
        var slave: Int32 = -1
        // openpty copies the name without a length; PATH_MAX is what glibc assumes.
        var name = [CChar](repeating: 0, count: Int(PATH_MAX))
        _ = try retryingEINTR("openpty") { openpty(&master, &slave, &name, nil, nil) }
        let path = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let pty = PseudoTerminal(
            master: FileDescriptor(rawValue: master), slave: FileDescriptor(rawValue: slave), slavePath: path)
        do {
            for fd in [master, slave] {
                _ = try retryingEINTR("fcntl") { fcntl(fd, F_SETFD, FD_CLOEXEC) }
            }
            try pty.master.setNonBlocking(true)
            try SerialPort.configureRaw(pty.slave, baud: baud, subject: pty.slavePath)
        } catch {
            pty.close()
            throw error
        }
        return pty
    }

    /// Closes both ends: a driver holding the slave sees a hang-up, like an
    /// unplugged USB adapter.
    public func close() {
        master.close()
        slave.close()
    }
}
