import StationSystem
import StationTesting

/// A child process for the crash test whose stdout is a pipe the test reads.
/// `ChildProcess` spawns it with an empty signal mask and default
/// dispositions: the test runner's threads block signals, and a child that
/// inherited that could not be killed the way the test kills it.
struct SpawnedChild {
    let child: ChildProcess
    let stdout: FileDescriptor

    init(_ path: String, _ args: [String]) throws {
        let pipe = try Pipe.make()
        defer { pipe.write.close() }
        do {
            child = try ChildProcess.spawn(path, args, stdout: .fileDescriptor(pipe.write))
        } catch {
            pipe.read.close()
            throw error
        }
        stdout = pipe.read
    }

    func kill(_ signal: Int32) { child.send(signal) }

    /// Reads stdout to EOF (the child is dead or exiting), then reaps it.
    /// Returns the complete lines only: a line cut by the kill is dropped.
    func finish() -> (lines: [Substring], status: ChildProcess.Termination?) {
        let data = (try? stdout.readToEnd(limit: 1 << 30)) ?? []
        stdout.close()
        let status = try? child.wait()
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeLast()  // empty after a final newline, or a cut-off line
        return (lines, status)
    }
}
