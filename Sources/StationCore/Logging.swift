import Synchronization

/// Severity of a log line; maps onto journald priorities.
public enum LogLevel: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible {
    case debug = 0, info, warning, error

    public static func < (a: LogLevel, b: LogLevel) -> Bool { a.rawValue < b.rawValue }

    /// The name used in config (`log_level`) and on the command line.
    public var description: String {
        switch self {
        case .debug: return "debug"
        case .info: return "info"
        case .warning: return "warning"
        case .error: return "error"
        }
    }

    /// Parses `debug`, `info`, `warning` (or `warn`), `error`.
    public init?(name: String) {
        switch name {
        case "debug": self = .debug
        case "info": self = .info
        case "warning", "warn": self = .warning
        case "error": self = .error
        default: return nil
        }
    }

    /// The syslog priority journald reads from a `<N>` prefix.
    public var syslogPriority: Int {
        switch self {
        case .debug: return 7
        case .info: return 6
        case .warning: return 4
        case .error: return 3
        }
    }
}

/// Where log lines go. Implementations must be thread-safe and must not
/// block for long: they are called from every part of the daemon.
public protocol LogHandler: Sendable {
    func write(level: LogLevel, label: String, message: String)
}

/// A handler that drops everything (for tools and tests that want silence).
public struct NoLogHandler: LogHandler {
    public init() {}
    public func write(level: LogLevel, label: String, message: String) {}
}

/// A handler that keeps lines in memory, for tests.
public final class MemoryLogHandler: LogHandler {
    private let lines = Mutex<[String]>([])
    public init() {}
    public func write(level: LogLevel, label: String, message: String) {
        lines.withLock { $0.append("\(level) \(label): \(message)") }
    }
    /// Everything logged so far, as `LEVEL LABEL: MESSAGE`.
    public var recorded: [String] { lines.withLock { $0 } }
}

/// The threshold shared by all loggers of a process; changed on config reload.
public final class LogThreshold: Sendable {
    private let level: Atomic<Int>
    public init(_ level: LogLevel) { self.level = Atomic(level.rawValue) }
    public var current: LogLevel {
        get { LogLevel(rawValue: level.load(ordering: .relaxed)) ?? .info }
        set { level.store(newValue.rawValue, ordering: .relaxed) }
    }
}

/// A labelled logger: `logger.info("ready")`.
public struct Logger: Sendable {
    public let label: String
    public let handler: any LogHandler
    public let threshold: LogThreshold

    public init(label: String, handler: any LogHandler, threshold: LogThreshold) {
        self.label = label
        self.handler = handler
        self.threshold = threshold
    }

    /// A logger for a part of the daemon, sharing handler and threshold.
    public func child(_ label: String) -> Logger {
        Logger(label: label, handler: handler, threshold: threshold)
    }

    public func log(_ level: LogLevel, _ message: @autoclosure () -> String) {
        guard level >= threshold.current else { return }
        handler.write(level: level, label: label, message: message())
    }

    public func debug(_ message: @autoclosure () -> String) { log(.debug, message()) }
    public func info(_ message: @autoclosure () -> String) { log(.info, message()) }
    public func warning(_ message: @autoclosure () -> String) { log(.warning, message()) }
    public func error(_ message: @autoclosure () -> String) { log(.error, message()) }
}
