import StationSystem

/// How a line's input is biased when nothing drives it.
public enum GPIOBias: String, Sendable, Hashable, CaseIterable {
    /// Leave the line as the board configured it.
    case asIs = "as-is"
    case disabled
    case pullUp = "pull-up"
    case pullDown = "pull-down"
}

/// One input line to watch for both edges.
public struct GPIOLineRequest: Sendable, Hashable {
    /// A chip name (`gpiochip0`), number (`0`), path (`/dev/gpiochip0`) or label.
    public var chip: String
    public var offset: Int
    /// Active (occupied) when the line is low: open-collector IR beams, relays to ground.
    public var activeLow: Bool
    public var bias: GPIOBias
    /// The consumer name the kernel shows in `gpioinfo`.
    public var consumer: String

    public init(chip: String, offset: Int, activeLow: Bool = false, bias: GPIOBias = .asIs, consumer: String = "stationd") {
        self.chip = chip
        self.offset = offset
        self.activeLow = activeLow
        self.bias = bias
        self.consumer = consumer
    }
}

/// An edge seen on a line, in logical terms (active-low already applied).
public struct GPIOEdge: Sendable, Hashable {
    /// The level after the edge: true = active.
    public var active: Bool
    /// The backend's own timestamp in nanoseconds. libgpiod v1's clock is not
    /// documented (realtime on older kernels), so it is kept for diagnostics
    /// and never used as wall or monotonic time.
    public var backendNanos: UInt64

    public init(active: Bool, backendNanos: UInt64) {
        self.active = active
        self.backendNanos = backendNanos
    }
}

/// A line that could not be set up or read, naming the chip and offset.
public struct GPIOError: Error, Sendable, Hashable, CustomStringConvertible {
    public var chip: String
    public var offset: Int
    /// The library call that failed (`gpiod_chip_open_lookup`).
    public var call: String
    public var errno: Int32

    public init(chip: String, offset: Int, call: String, errno: Int32) {
        self.chip = chip
        self.offset = offset
        self.call = call
        self.errno = errno
    }

    public var description: String {
        let reason = SystemError(call: call, errno: errno).reason
        return "GPIO chip '\(chip)' line \(offset): \(call) failed: \(reason) (errno \(errno))"
    }
}

/// A GPIO implementation: the libgpiod v1 binding, the simulated chip, or a
/// future libgpiod v2 binding.
///
/// Requirements: `open` requests both-edge events with the request's
/// active-low and bias, and throws a `GPIOError` naming chip and offset when
/// the chip or line does not exist or is busy. Lines are used from one thread.
public protocol GPIOBackend: Sendable {
    func open(_ request: GPIOLineRequest) throws(GPIOError) -> any GPIOLine
}

/// A requested line.
///
/// Requirements: `eventDescriptor` becomes readable when edges are pending;
/// `readEdges` returns them (never blocks when none are); `isActive` reads
/// the current logical level; `close` releases the line.
public protocol GPIOLine: AnyObject {
    var eventDescriptor: FileDescriptor { get }
    func readEdges() throws(GPIOError) -> [GPIOEdge]
    func isActive() throws(GPIOError) -> Bool
    func close()
}
