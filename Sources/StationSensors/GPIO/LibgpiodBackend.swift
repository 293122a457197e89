#if canImport(Glibc)
import Glibc
#endif
import CGPIOD
import StationSystem

/// GPIO through libgpiod v1 (1.6.x): `gpiod_chip_open_lookup`,
/// `gpiod_line_request_both_edges_events_flags`, the event descriptor for
/// our own poll loop, `gpiod_line_event_read_multiple`. The only user of
/// CGPIOD; a libgpiod v2 backend would be one more file beside it.
public struct LibgpiodBackend: GPIOBackend {
    public init() {}

    public func open(_ request: GPIOLineRequest) throws(GPIOError) -> any GPIOLine {
        func fail(_ call: String) -> GPIOError {
            GPIOError(chip: request.chip, offset: request.offset, call: call, errno: Glibc.errno)
        }
        guard let chip = gpiod_chip_open_lookup(request.chip) else { throw fail("gpiod_chip_open_lookup") }
        guard request.offset >= 0, let line = gpiod_chip_get_line(chip, UInt32(request.offset)) else {
            let error = fail("gpiod_chip_get_line")
            gpiod_chip_close(chip)
            throw error
        }
        if gpiod_line_request_both_edges_events_flags(line, request.consumer, Self.flags(request)) != 0 {
            let error = fail("gpiod_line_request_both_edges_events_flags")
            gpiod_chip_close(chip)
            throw error
        }
        return LibgpiodLine(request: request, chip: chip, line: line)
    }

    static func flags(_ request: GPIOLineRequest) -> Int32 {
        var flags: Int32 = 0
        if request.activeLow { flags |= Int32(GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW) }
        switch request.bias {
        case .asIs: break
        case .disabled: flags |= Int32(GPIOD_LINE_REQUEST_FLAG_BIAS_DISABLE)
        case .pullUp: flags |= Int32(GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_UP)
        case .pullDown: flags |= Int32(GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_DOWN)
        }
        return flags
    }
}

/// A line requested through libgpiod v1; owns its chip handle.
final class LibgpiodLine: GPIOLine {
    let request: GPIOLineRequest
    private let chip: OpaquePointer
    private let line: OpaquePointer
    let eventDescriptor: FileDescriptor

    init(request: GPIOLineRequest, chip: OpaquePointer, line: OpaquePointer) {
        self.request = request
        self.chip = chip
        self.line = line
        eventDescriptor = FileDescriptor(rawValue: gpiod_line_event_get_fd(line))
    }

    private func fail(_ call: String) -> GPIOError {
        GPIOError(chip: request.chip, offset: request.offset, call: call, errno: Glibc.errno)
    }

    func readEdges() throws(GPIOError) -> [GPIOEdge] {
        var edges: [GPIOEdge] = []
        var buffer = [gpiod_line_event](repeating: gpiod_line_event(), count: 16)
        // Drain without blocking: read only while poll says more is there.
        while (try? Poll.wait([(eventDescriptor, .readable)], timeoutMilliseconds: 0).first?.contains(.readable)) == true {
            let n = gpiod_line_event_read_multiple(line, &buffer, UInt32(buffer.count))
            if n < 0 { throw fail("gpiod_line_event_read_multiple") }
            for event in buffer.prefix(Int(n)) {
                let nanos = UInt64(max(0, event.ts.tv_sec)) * 1_000_000_000 + UInt64(max(0, event.ts.tv_nsec))
                edges.append(GPIOEdge(active: event.event_type == Int32(GPIOD_LINE_EVENT_RISING_EDGE), backendNanos: nanos))
            }
            if n < buffer.count { break }
        }
        return edges
    }

    func isActive() throws(GPIOError) -> Bool {
        let value = gpiod_line_get_value(line)
        if value < 0 { throw fail("gpiod_line_get_value") }
        return value == 1
    }

    func close() {
        gpiod_line_release(line)
        gpiod_chip_close(chip)
    }
}
