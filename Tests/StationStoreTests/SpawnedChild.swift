import Glibc

/// A child process for the crash test, spawned the way the brief requires:
/// `posix_spawn` with an empty signal mask and default dispositions, since
/// the test runner's threads block signals and a child would inherit that.
/// Its stdout is a pipe the test reads.
struct SpawnedChild {
    let pid: pid_t
    let stdout: Int32

    init(_ path: String, _ args: [String]) throws {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw SpawnError("pipe: errno \(errno)") }
        // Close-on-exec for both ends: the child gets the write end only
        // through the dup2 onto its stdout.
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attr, &empty)
        posix_spawnattr_setsigdefault(&attr, &all)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([path] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, path, &actions, &attr, argv, environ)
        close(fds[1])
        guard rc == 0 else {
            close(fds[0])
            throw SpawnError("posix_spawn \(path): \(String(cString: strerror(rc)))")
        }
        pid = child
        stdout = fds[0]
    }

    func kill(_ signal: Int32) { _ = Glibc.kill(pid, signal) }

    /// Reads stdout to EOF (the child is dead or exiting), then reaps it.
    /// Returns the complete lines only: a line cut by the kill is dropped.
    func finish() -> (lines: [Substring], status: Int32) {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(stdout, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            data += buffer[0..<n]
        }
        close(stdout)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeLast()  // empty after a final newline, or a cut-off line
        return (lines, status)
    }
}

struct SpawnError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The directory of the running test binary: SwiftPM puts the package's
/// executables beside it.
func buildProductsDirectory() -> String {
    var buffer = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    let path = String(decoding: buffer[0..<max(0, n)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var dir = path
    // .../debug/station-nodePackageTests.xctest (a file on Linux)
    while let slash = dir.lastIndex(of: "/") {
        dir = String(dir[..<slash])
        if access(dir + "/station-bench", X_OK) == 0 { return dir }
        if dir.hasSuffix(".build") { break }
    }
    return String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
}
