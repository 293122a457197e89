import StationCore
import Synchronization

/// Writes log lines to standard error: with a journald priority prefix
/// (`<3>`...`<7>`) when stderr is connected to the journal (`$JOURNAL_STREAM`
/// set), otherwise as `TIME LEVEL LABEL: MESSAGE` for a person at a terminal.
public final class StderrLogHandler: LogHandler {
    private let journal: Bool
    // One write per line under a lock, so lines from two threads never interleave.
    private let lock = Mutex<Void>(())

    public init(journal: Bool = Environment.get("JOURNAL_STREAM") != nil) {
        self.journal = journal
    }

    public func write(level: LogLevel, label: String, message: String) {
        let line: String
        if journal {
            line = "<\(level.syslogPriority)>\(label): \(message)\n"
        } else {
            let time = RFC3339.format(unixNanos: MonotonicClock.wallNanos())
            let name = "\(level)".padding(to: 7)
            line = "\(time) \(name) \(label): \(message)\n"
        }
        lock.withLock { _ in try? FileDescriptor.standardError.writeAll(line) }
    }
}

extension String {
    fileprivate func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
