#if canImport(Glibc)
import Glibc
#endif
import StationSensors
import StationSystem
import Synchronization

/// A simulated GPIO chip behind the same `GPIOBackend` protocol as libgpiod:
/// tests and the simulated board set physical line levels; requested lines
/// see edges (active-low applied) through a descriptor they can poll.
public final class SimulatedGPIO: GPIOBackend, Sendable {
    /// The chip names it answers to, like `gpiochip0`.
    public let chips: Set<String>
    /// Lines per chip.
    public let lineCount: Int
    private let state = Mutex<State>(State())

    private struct State: @unchecked Sendable {
        // @unchecked: the lines are final classes whose own state is behind their mutex.
        var levels: [String: Bool] = [:]
        var requested: [String: SimulatedLine] = [:]
        var removed: Set<String> = []
    }

    public init(chips: Set<String> = ["gpiochip0"], lineCount: Int = 32) {
        self.chips = chips
        self.lineCount = lineCount
    }

    private static func key(_ chip: String, _ offset: Int) -> String { "\(chip):\(offset)" }

    public func open(_ request: GPIOLineRequest) throws(GPIOError) -> any GPIOLine {
        // The same answers libgpiod gives: no such chip, no such line, line busy.
        guard chips.contains(request.chip), !state.withLock({ $0.removed.contains(request.chip) }) else {
            throw GPIOError(chip: request.chip, offset: request.offset, call: "gpiod_chip_open_lookup", errno: ENOENT)
        }
        guard (0..<lineCount).contains(request.offset) else {
            throw GPIOError(chip: request.chip, offset: request.offset, call: "gpiod_chip_get_line", errno: EINVAL)
        }
        let key = Self.key(request.chip, request.offset)
        return try state.withLock { s throws(GPIOError) -> SimulatedLine in
            if s.requested[key] != nil {
                throw GPIOError(chip: request.chip, offset: request.offset, call: "gpiod_line_request_both_edges_events_flags", errno: EBUSY)
            }
            // An unconnected line follows its bias: pull-up reads high.
            let physical = s.levels[key] ?? (request.bias == .pullUp)
            s.levels[key] = physical
            guard let line = try? SimulatedLine(request: request, physical: physical, release: { [weak self] in
                _ = self?.state.withLock { $0.requested[key] = nil }
            }) else {
                throw GPIOError(chip: request.chip, offset: request.offset, call: "pipe", errno: EMFILE)
            }
            s.requested[key] = line
            return line
        }
    }

    /// Sets the physical level of a line (true = high), producing an edge if it changed.
    public func set(chip: String = "gpiochip0", offset: Int, high: Bool) {
        let key = Self.key(chip, offset)
        let line = state.withLock { s -> SimulatedLine? in
            guard s.levels[key] != high else { return nil }
            s.levels[key] = high
            return s.requested[key]
        }
        line?.physical(high)
    }

    /// The chip vanishes (a USB GPIO expander unplugged): requested lines
    /// fail their next read with ENODEV, and opening fails until `reconnect`.
    public func disconnect(chip: String = "gpiochip0") {
        let lines = state.withLock { s in
            s.removed.insert(chip)
            return s.requested.filter { $0.key.hasPrefix("\(chip):") }.map(\.value)
        }
        for line in lines { line.vanish() }
    }

    public func reconnect(chip: String = "gpiochip0") {
        _ = state.withLock { $0.removed.remove(chip) }
    }

    /// The physical level of a line.
    public func level(chip: String = "gpiochip0", offset: Int) -> Bool {
        state.withLock { $0.levels[Self.key(chip, offset)] ?? false }
    }
}

/// A requested simulated line: edges are queued and signalled through a pipe.
final class SimulatedLine: GPIOLine, @unchecked Sendable {
    // @unchecked: `pending` and `level` are behind `lock`; the rest is immutable.
    let request: GPIOLineRequest
    let eventDescriptor: FileDescriptor
    private let writeEnd: FileDescriptor
    private let lock = Mutex<(level: Bool, pending: [GPIOEdge], gone: Bool)>((false, [], false))
    private let release: @Sendable () -> Void

    init(request: GPIOLineRequest, physical: Bool, release: @escaping @Sendable () -> Void) throws {
        self.request = request
        self.release = release
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw SystemError(call: "pipe", errno: errno) }
        for fd in fds {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, O_NONBLOCK)
        }
        eventDescriptor = FileDescriptor(rawValue: fds[0])
        writeEnd = FileDescriptor(rawValue: fds[1])
        lock.withLock { $0.level = physical }
    }

    func physical(_ high: Bool) {
        lock.withLock {
            $0.level = high
            $0.pending.append(GPIOEdge(active: high != request.activeLow, backendNanos: MonotonicClock.nowNanos()))
        }
        var byte: UInt8 = 1
        _ = write(writeEnd.rawValue, &byte, 1)
    }

    func vanish() {
        lock.withLock { $0.gone = true }
        var byte: UInt8 = 1
        _ = write(writeEnd.rawValue, &byte, 1)
    }

    func readEdges() throws(GPIOError) -> [GPIOEdge] {
        var sink = [UInt8](repeating: 0, count: 64)
        while read(eventDescriptor.rawValue, &sink, sink.count) > 0 {}
        if lock.withLock({ $0.gone }) {
            throw GPIOError(chip: request.chip, offset: request.offset, call: "gpiod_line_event_read_multiple", errno: ENODEV)
        }
        return lock.withLock { s in
            defer { s.pending = [] }
            return s.pending
        }
    }

    func isActive() throws(GPIOError) -> Bool {
        lock.withLock { $0.level != request.activeLow }
    }

    func close() {
        eventDescriptor.close()
        writeEnd.close()
        release()
    }
}
