#if canImport(Glibc)
import Glibc
#endif

/// One peripheral on an I2C bus, as a display driver talks to it: whole
/// writes to a fixed address, and the waits a controller needs between them.
///
/// Requirements: `write` sends `bytes` as one I2C transaction (START, the
/// address, the bytes, STOP) or throws; `delay` waits at least the given
/// time. A test fake records both and never sleeps, so a driver's sequence
/// can be checked byte for byte.
public protocol I2CTransport: Sendable {
    func write(_ bytes: [UInt8]) throws
    func delay(microseconds: Int)
}

/// `/dev/i2c-N` with `ioctl(I2C_SLAVE)`: every `write(2)` is one transaction
/// to the chosen address.
public final class I2CDevice: I2CTransport {
    /// `I2C_SLAVE` from `<linux/i2c-dev.h>`.
    static let i2cSlave: UInt = 0x0703
    public let path: String
    public let address: Int
    private let fd: FileDescriptor

    /// Opens `/dev/i2c-<bus>` and selects `address` (`open(2)`, `ioctl(I2C_SLAVE)`).
    public init(bus: Int, address: Int) throws(SystemError) {
        path = "/dev/i2c-\(bus)"
        self.address = address
        fd = try FileDescriptor.open(path, O_RDWR)
        let raw = fd.rawValue
        do throws(SystemError) {
            _ = try retryingEINTR("ioctl(I2C_SLAVE)", subject: path) { ioctl(raw, Self.i2cSlave, CInt(address)) }
        } catch {
            fd.close()
            throw error
        }
    }

    deinit { fd.close() }

    /// One transaction; a short write is an error, not a retry (the
    /// controller would see a split transaction as two).
    public func write(_ bytes: [UInt8]) throws {
        let raw = fd.rawValue
        let written = try bytes.withUnsafeBytes { buffer throws(SystemError) in
            try retryingEINTR("write", subject: path) { Glibc.write(raw, buffer.baseAddress, buffer.count) }
        }
        if written != bytes.count { throw SystemError(call: "write", errno: EIO, subject: path) }
    }

    public func delay(microseconds: Int) {
        guard microseconds > 0 else { return }
        var request = timespec(tv_sec: microseconds / 1_000_000, tv_nsec: (microseconds % 1_000_000) * 1000)
        var remaining = timespec()
        while nanosleep(&request, &remaining) == -1 && errno == EINTR { request = remaining }
    }
}
