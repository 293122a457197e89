#if canImport(Glibc)
import Glibc
#endif
import StationSensors
import StationSystem
import Synchronization

/// A serial sensor emulated on a pseudo-terminal: drivers open `path` (a
/// stable symlink to the current `/dev/pts/N`) and talk the model's real byte
/// protocol to it, through real termios. Tests and the simulated board steer
/// it with `update` (values, faults) and `unplug` / `replug`.
public final class SerialEmulator: Sendable {
    public let model: SerialModel
    /// The port path to give a driver (like `/dev/serial/by-id/...`, it
    /// survives an unplug: a replug points it at a new pseudo-terminal).
    public let path: String
    private let shared: Mutex<Shared>
    /// Nudges the loop out of its wait: on a request, an update, a stop.
    private let wake: WakeSignal

    private struct Shared: Sendable {
        var state: EmulatorState
        /// Requests to the loop, acknowledged by bumping `applied`.
        var wantPlugged = true
        var requested = 0
        var applied = 0
        var stopped = false
    }

    /// Creates the pseudo-terminal and the link at `path`, and starts the
    /// emulator's thread. `seed` drives the injected garbage.
    public init(model: SerialModel, path: String, seed: UInt64 = 1, configure: (inout EmulatorState) -> Void = { _ in }) throws {
        self.model = model
        self.path = path
        var state = EmulatorState(model: model)
        state.poweredAt = MonotonicClock.nowNanos()
        configure(&state)
        shared = Mutex(Shared(state: state))
        wake = try WakeSignal()
        let pty = try PseudoTerminal.open(baud: model.baud)
        try Self.link(path, to: pty.slavePath)
        let loop = EmulatorLoop(model: model, pty: pty, random: SeededGenerator(seed: seed))
        try OSThread.detach { [self, loop] in
            var running = loop
            running.run(self)
        }
    }

    /// A copy of the state (commands seen, mode, sleep).
    public var state: EmulatorState { shared.withLock { $0.state } }

    /// Changes values or faults; takes effect for the next frame.
    public func update(_ body: (inout EmulatorState) -> Void) {
        shared.withLock { body(&$0.state) }
        wake.fire()
    }

    /// Closes the pseudo-terminal and removes `path`: a driver sees a
    /// hang-up, then "no such file", as when a USB adapter is pulled.
    public func unplug() { request(plugged: false) }

    /// A new pseudo-terminal behind the same `path`, with the sensor freshly
    /// powered (defaults restored: active mode, awake, not measuring).
    public func replug() { request(plugged: true) }

    /// Stops the thread and closes everything (idempotent). The thread holds
    /// the emulator, so an emulator lives until it is stopped.
    public func stop() {
        shared.withLock { $0.stopped = true }
        wake.fire()
    }

    private func request(plugged: Bool) {
        let ticket = shared.withLock { s -> Int in
            s.wantPlugged = plugged
            s.requested += 1
            return s.requested
        }
        wake.fire()
        // The loop owns the descriptors; wait (bounded) until it has acted.
        for _ in 0..<2000 {
            if shared.withLock({ $0.applied >= ticket || $0.stopped }) { return }
            usleep(1000)
        }
    }

    static func link(_ path: String, to target: String) throws {
        _ = unlink(path)
        _ = try retryingEINTR("symlink", subject: path) { symlink(target, path) }
    }

    /// When the device next streams a frame, read under the lock.
    fileprivate func tickDue(_ device: any EmulatedDevice) -> UInt64? {
        shared.withLock { device.nextTick($0.state) }
    }

    /// One step of the loop under the lock: pending plug requests, input, ticks.
    fileprivate func step(_ body: (inout EmulatorState, _ wantPlugged: Bool, _ stopped: Bool) -> Void) {
        shared.withLock { s in
            body(&s.state, s.wantPlugged, s.stopped)
            s.applied = s.requested
        }
    }

    fileprivate var nudge: WakeSignal { wake }
}

/// The emulator's thread: owns the pseudo-terminal and the device.
private struct EmulatorLoop: @unchecked Sendable {
    // @unchecked: moved into the thread once and used only there.
    let model: SerialModel
    var pty: PseudoTerminal?
    var device: any EmulatedDevice
    var random: SeededGenerator

    init(model: SerialModel, pty: PseudoTerminal, random: SeededGenerator) {
        self.model = model
        self.pty = pty
        device = model.makeDevice()
        self.random = random
    }

    mutating func run(_ emulator: SerialEmulator) {
        var done = false
        while !done {
            var input: [UInt8] = []
            // Sleep until the next streamed frame or a nudge: an idle emulator costs no CPU.
            let now = MonotonicClock.nowNanos()
            let next = emulator.tickDue(device) ?? now + 1_000_000_000
            let timeout = next > now ? Int32(clamping: min(1000, (next - now + 999_999) / 1_000_000)) : 0
            let nudge = (emulator.nudge.descriptor, Poll.Events.readable)
            if let pty {
                let events = (try? Poll.wait([(pty.master, .readable), nudge], timeoutMilliseconds: timeout)) ?? []
                if events.first?.contains(.readable) == true { input = read(pty.master) }
            } else {
                _ = try? Poll.wait([nudge], timeoutMilliseconds: timeout)
            }
            emulator.nudge.reset()
            var output: [[UInt8]] = []
            emulator.step { state, wantPlugged, stopped in
                if stopped { done = true; return }
                replug(wantPlugged, emulator, &state)
                guard pty != nil else { return }
                let now = MonotonicClock.nowNanos()
                if !input.isEmpty { output += device.receive(input, now: now, state: &state) }
                output += device.tick(now: now, state: &state)
                output = output.flatMap { apply(state.fault, to: $0) }
                state.framesSent += output.count
            }
            if let pty { for frame in output { write(pty.master, frame) } }
        }
        pty?.close()
        _ = unlink(emulator.path)
    }

    private mutating func replug(_ want: Bool, _ emulator: SerialEmulator, _ state: inout EmulatorState) {
        if !want, let old = pty {
            old.close()
            pty = nil
            _ = unlink(emulator.path)
            state.plugged = false
        } else if want, pty == nil, let fresh = try? PseudoTerminal.open(baud: model.baud) {
            pty = fresh
            try? SerialEmulator.link(emulator.path, to: fresh.slavePath)
            device = model.makeDevice()
            let now = MonotonicClock.nowNanos()
            // Power-up defaults, as a sensor on a re-plugged adapter has them.
            let fresh = EmulatorState(model: model)
            state.active = fresh.active
            state.asleep = false
            state.measuring = false
            state.poweredAt = now
            state.plugged = true
        }
    }

    private mutating func apply(_ fault: EmulatorFault, to frame: [UInt8]) -> [[UInt8]] {
        switch fault {
        case .none: return [frame]
        case .silent: return []
        case .garbage: return [random.bytes(Int.random(in: 1...8, using: &random)), frame]
        case .badChecksum:
            var bad = frame
            // Flip a payload bit, avoiding delimiters and escapes so the frame
            // still parses as a frame and fails on its checksum.
            let special: Set<UInt8> = [0x7E, 0x7D, 0x11, 0x13, 0x31, 0x33, 0x5E, 0x5D]
            for i in stride(from: bad.count / 2, to: bad.count - 2, by: 1)
            where !special.contains(bad[i]) && !special.contains(bad[i] ^ 0x01) {
                bad[i] ^= 0x01
                break
            }
            return [bad]
        }
    }

    private func read(_ fd: FileDescriptor) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 1024)
        let n = buffer.withUnsafeMutableBytes { raw in Glibc.read(fd.rawValue, raw.baseAddress, raw.count) }
        return n > 0 ? Array(buffer[0..<n]) : []
    }

    private func write(_ fd: FileDescriptor, _ bytes: [UInt8]) {
        // Non-blocking master: when nobody reads, the pty buffer fills and frames
        // are dropped, as on a real line.
        _ = bytes.withUnsafeBytes { raw in Glibc.write(fd.rawValue, raw.baseAddress, raw.count) }
    }
}
