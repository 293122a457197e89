#if canImport(Glibc)
import Glibc
#endif
import StationSystem
import Testing

/// `TIOCGEXCL` = `_IOR('T', 0x40, int)`: a function-like macro Swift does not import.
private let tiocgexcl: UInt = 0x8004_5440

@Suite struct SerialPortTests {
    private func writeMaster(_ pty: PseudoTerminal, _ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try pty.master.writeAll($0) }
    }

    private func readMaster(_ pty: PseudoTerminal, count: Int) throws -> [UInt8] {
        var got: [UInt8] = []
        let deadline = MonotonicClock.nowNanos() + 2_000_000_000
        while got.count < count, MonotonicClock.nowNanos() < deadline {
            _ = try Poll.wait([(pty.master, .readable)], timeoutMilliseconds: 100)
            var chunk = [UInt8](repeating: 0, count: 64)
            let n = try chunk.withUnsafeMutableBytes { raw in
                try retryingEINTRUnlessWouldBlock("read") { read(pty.master.rawValue, raw.baseAddress, raw.count) }
            }
            if let n { got += chunk[0..<n] }
        }
        return got
    }

    @Test(arguments: [9600, 19_200, 115_200])
    func rawBytesBothWaysAtEachRate(baud: Int) throws {
        let pty = try PseudoTerminal.open()
        defer { pty.close() }
        let port = try SerialPort.open(pty.slavePath, baud: baud)
        defer { port.close() }
        #expect(try port.currentBaud() == baud)
        // Bytes a cooked tty would eat or translate: CR, ^C, ^S/^Q, 0xFF, NUL.
        let tricky: [UInt8] = [0x0D, 0x0A, 0x03, 0x13, 0x11, 0xFF, 0x00, 0x7F, 0x1A]
        try writeMaster(pty, tricky)
        var got: [UInt8] = []
        while got.count < tricky.count {
            let chunk = try port.read(timeoutMilliseconds: 1000)
            if chunk.isEmpty { break }
            got += chunk
        }
        #expect(got == tricky)
        try port.write(tricky.reversed())
        #expect(try readMaster(pty, count: tricky.count) == tricky.reversed())
    }

    @Test func readTimesOutWithNothing() throws {
        let pty = try PseudoTerminal.open()
        defer { pty.close() }
        let port = try SerialPort.open(pty.slavePath, baud: 9600)
        defer { port.close() }
        let start = MonotonicClock.nowNanos()
        #expect(try port.read(timeoutMilliseconds: 80) == [])
        let elapsed = MonotonicClock.nowNanos() - start
        #expect(elapsed >= 70_000_000 && elapsed < 1_000_000_000)
    }

    @Test func wakeSignalInterruptsARead() throws {
        let pty = try PseudoTerminal.open()
        defer { pty.close() }
        let port = try SerialPort.open(pty.slavePath, baud: 9600)
        defer { port.close() }
        let wake = try WakeSignal()
        #expect(!wake.isFired)
        wake.fire()
        let start = MonotonicClock.nowNanos()
        #expect(try port.read(timeoutMilliseconds: 5000, wake: wake) == [])
        #expect(MonotonicClock.nowNanos() - start < 1_000_000_000)
        #expect(wake.isFired)
    }

    @Test func closedMasterIsADeviceGoneError() throws {
        let pty = try PseudoTerminal.open()
        let port = try SerialPort.open(pty.slavePath, baud: 9600)
        defer { port.close() }
        pty.close()
        #expect(throws: SystemError(call: "read", errno: EIO, subject: pty.slavePath)) {
            _ = try port.read(timeoutMilliseconds: 1000)
        }
    }

    @Test func secondOpenerIsRefusedUnlessPrivileged() throws {
        let pty = try PseudoTerminal.open()
        defer { pty.close() }
        let port = try SerialPort.open(pty.slavePath, baud: 9600)
        var exclusive: Int32 = 0
        #expect(ioctl(port.descriptor.rawValue, tiocgexcl, &exclusive) == 0)
        #expect(exclusive == 1)
        // CAP_SYS_ADMIN overrides TIOCEXCL, so root may open it twice.
        if geteuid() != 0 {
            #expect(throws: SystemError(call: "open", errno: EBUSY, subject: pty.slavePath)) {
                _ = try SerialPort.open(pty.slavePath, baud: 9600)
            }
        }
        // Closing gives up the claim, so a restarted driver gets the port back.
        port.close()
        #expect(ioctl(pty.slave.rawValue, tiocgexcl, &exclusive) == 0)
        #expect(exclusive == 0)
    }

    @Test func unsupportedRateAndMissingDeviceAreClearErrors() throws {
        let pty = try PseudoTerminal.open()
        defer { pty.close() }
        #expect(throws: SystemError(call: "cfsetspeed", errno: EINVAL, subject: "\(pty.slavePath) at 1234 baud")) {
            _ = try SerialPort.open(pty.slavePath, baud: 1234)
        }
        #expect(throws: SystemError(call: "open", errno: ENOENT, subject: "/dev/ttyNOPE9")) {
            _ = try SerialPort.open("/dev/ttyNOPE9", baud: 9600)
        }
    }
}
