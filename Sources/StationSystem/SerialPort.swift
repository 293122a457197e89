#if canImport(Glibc)
import Glibc
#endif

/// A serial device in raw 8N1 mode (a UART, a USB adapter, a pseudo-terminal),
/// opened exclusively. Reads never block longer than their timeout.
public struct SerialPort: Sendable {
    public let descriptor: FileDescriptor
    public let path: String

    /// The rates the sensors use, as termios speed constants.
    static func speed(for baud: Int) -> speed_t? {
        switch baud {
        case 9600: return speed_t(B9600)
        case 19_200: return speed_t(B19200)
        case 38_400: return speed_t(B38400)
        case 57_600: return speed_t(B57600)
        case 115_200: return speed_t(B115200)
        default: return nil
        }
    }

    /// Whether `open(_:baud:)` accepts the rate.
    public static func isSupported(baud: Int) -> Bool { speed(for: baud) != nil }

    /// Opens `path` non-blocking without becoming its controlling terminal,
    /// claims it with `TIOCEXCL` (a second opener gets EBUSY), sets raw 8N1 at
    /// `baud` and drops whatever was waiting in the buffers.
    public static func open(_ path: String, baud: Int) throws(SystemError) -> SerialPort {
        let fd = try FileDescriptor.open(path, O_RDWR | O_NOCTTY | O_NONBLOCK)
        do {
            _ = try retryingEINTR("ioctl(TIOCEXCL)", subject: path) { ioctl(fd.rawValue, UInt(TIOCEXCL)) }
            try configureRaw(fd, baud: baud, subject: path)
            _ = try retryingEINTR("tcflush", subject: path) { tcflush(fd.rawValue, TCIOFLUSH) }
        } catch {
            fd.close()
            throw error
        }
        return SerialPort(descriptor: fd, path: path)
    }

    /// `cfmakeraw` + 8 data bits, no parity, one stop bit, no flow control,
    /// receiver on, modem lines ignored, reads return what is there (VMIN=VTIME=0).
    public static func configureRaw(_ fd: FileDescriptor, baud: Int, subject: String? = nil) throws(SystemError) {
        guard let speed = speed(for: baud) else {
            throw SystemError(call: "cfsetspeed", errno: EINVAL, subject: subject.map { "\($0) at \(baud) baud" })
        }
        var t = termios()
        _ = try retryingEINTR("tcgetattr", subject: subject) { tcgetattr(fd.rawValue, &t) }
        cfmakeraw(&t)
        t.c_cflag &= ~tcflag_t(CSIZE | CSTOPB | PARENB)
        t.c_cflag &= ~tcflag_t(CRTSCTS)
        t.c_cflag |= tcflag_t(CS8 | CLOCAL | CREAD)
        t.c_iflag &= ~tcflag_t(IXON | IXOFF | IXANY)
        withUnsafeMutableBytes(of: &t.c_cc) { cc in
            cc[Int(VMIN)] = 0
            cc[Int(VTIME)] = 0
        }
        _ = try retryingEINTR("cfsetispeed", subject: subject) { cfsetispeed(&t, speed) }
        _ = try retryingEINTR("cfsetospeed", subject: subject) { cfsetospeed(&t, speed) }
        _ = try retryingEINTR("tcsetattr", subject: subject) { tcsetattr(fd.rawValue, TCSANOW, &t) }
    }

    /// The baud rate the port is set to now (`cfgetispeed`), for tests and diagnostics.
    public func currentBaud() throws(SystemError) -> Int {
        var t = termios()
        _ = try retryingEINTR("tcgetattr", subject: path) { tcgetattr(descriptor.rawValue, &t) }
        switch cfgetispeed(&t) {
        case speed_t(B9600): return 9600
        case speed_t(B19200): return 19_200
        case speed_t(B38400): return 38_400
        case speed_t(B57600): return 57_600
        case speed_t(B115200): return 115_200
        default: return 0
        }
    }

    /// Reads what arrives within `timeoutMilliseconds` (at most `maximum` bytes).
    /// Returns an empty array on timeout or when `wake` fires (check it);
    /// throws when the device is gone (hang-up, EIO: an unplugged adapter, a
    /// closed pseudo-terminal master).
    public func read(
        maximum: Int = 512, timeoutMilliseconds: Int32, wake: WakeSignal? = nil
    ) throws(SystemError) -> [UInt8] {
        var set: [(FileDescriptor, Poll.Events)] = [(descriptor, .readable)]
        if let wake { set.append((wake.descriptor, .readable)) }
        let events = try Poll.wait(set, timeoutMilliseconds: timeoutMilliseconds)
        if events.count > 1, events[1].contains(.readable) { return [] }
        if events[0].isEmpty { return [] }
        var buffer = [UInt8](repeating: 0, count: maximum)
        // withUnsafeMutableBytes rethrows untyped errors: carry the typed one out in a Result.
        let n = try buffer.withUnsafeMutableBytes { raw in
            Result { () throws(SystemError) in
                try retryingEINTRUnlessWouldBlock("read", subject: path) {
                    Glibc.read(descriptor.rawValue, raw.baseAddress, raw.count)
                }
            }
        }.get()
        guard let n else {
            // Readable but nothing to read: only a hang-up does that.
            if events[0].contains(.hangUp) { throw SystemError(call: "read", errno: EIO, subject: path) }
            return []
        }
        // A tty in raw mode with data pending never reads 0 bytes: 0 is end of file.
        if n == 0 { throw SystemError(call: "read", errno: EIO, subject: path) }
        return Array(buffer[0..<n])
    }

    /// Writes all of `bytes`, waiting for room if the output buffer is full.
    public func write(_ bytes: [UInt8]) throws(SystemError) {
        var offset = 0
        while offset < bytes.count {
            let n = try bytes.withUnsafeBytes { raw in
                Result { () throws(SystemError) in
                    try retryingEINTRUnlessWouldBlock("write", subject: path) {
                        Glibc.write(descriptor.rawValue, raw.baseAddress! + offset, raw.count - offset)
                    }
                }
            }.get()
            if let n {
                offset += n
            } else {
                _ = try Poll.wait([(descriptor, .writable)], timeoutMilliseconds: 1000)
            }
        }
    }

    /// Drops bytes received but not yet read (stale frames before a query).
    public func discardInput() throws(SystemError) {
        _ = try retryingEINTR("tcflush", subject: path) { tcflush(descriptor.rawValue, TCIFLUSH) }
    }

    /// Gives up the exclusive claim (`TIOCNXCL`) and closes. The claim lives
    /// on the tty, not the descriptor, so it is cleared explicitly.
    public func close() {
        _ = ioctl(descriptor.rawValue, UInt(TIOCNXCL))
        descriptor.close()
    }
}
