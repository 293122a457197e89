#if canImport(Glibc)
import Glibc
#endif
import StationSystem
import StationTesting
import Testing

@Suite struct SyscallTests {
    @Test func failedCallCarriesErrnoCallAndSubject() {
        do {
            _ = try FileDescriptor.open("/nonexistent/station.toml", O_RDONLY)
            Issue.record("open of a missing file succeeded")
        } catch {
            #expect(error.call == "open")
            #expect(error.errno == ENOENT)
            #expect(error.subject == "/nonexistent/station.toml")
            #expect(error.description == "open(/nonexistent/station.toml): No such file or directory (errno 2)")
        }
    }

    @Test func wouldBlockIsAnAnswerNotAnError() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { fds.forEach { close($0) } }
        let reader = FileDescriptor(rawValue: fds[0])
        try reader.setNonBlocking(true)
        var byte: UInt8 = 0
        let n = try retryingEINTRUnlessWouldBlock("read") { read(fds[0], &byte, 1) }
        #expect(n == nil)
        #expect(write(fds[1], "x", 1) == 1)
        let m = try retryingEINTRUnlessWouldBlock("read") { read(fds[0], &byte, 1) }
        #expect(m == 1)
        #expect(byte == UInt8(ascii: "x"))
    }

    @Test func atomicWriteReplacesWholeFileAndLeavesNoTemp() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = "\(dir.path)/state"
        try FileSystem.writeAtomically(path, Array("first".utf8))
        try FileSystem.writeAtomically(path, Array("second".utf8), permissions: 0o600)
        #expect(try FileSystem.readFile(path) == Array("second".utf8))
        #expect(!FileSystem.exists(path + ".tmp"))
        #expect(try FileSystem.permissions(path) == 0o600)
        #expect(try FileSystem.list(dir.path) == ["state"])
    }

    @Test func createDirectoriesMakesParents() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try FileSystem.createDirectories("\(dir.path)/a/b/c")
        #expect(FileSystem.isDirectory("\(dir.path)/a/b/c"))
        #expect(FileSystem.directoryName("/a/b") == "/a")
        #expect(FileSystem.directoryName("/a") == "/")
        #expect(FileSystem.directoryName("a") == ".")
    }
}

@Suite struct ChildProcessTests {
    @Test func exitCodeIsReported() throws {
        let child = try ChildProcess.spawn("sh", ["-c", "exit 3"])
        #expect(try child.wait() == .exited(3))
    }

    @Test func missingExecutableIsAClearError() {
        do {
            _ = try ChildProcess.spawn("/nonexistent/mosquitto", [])
            Issue.record("spawning a missing executable succeeded")
        } catch {
            #expect(error.call == "posix_spawnp")
            #expect(error.errno == ENOENT)
        }
    }

    /// The pitfall from the brief: a parent with SIGTERM blocked must still
    /// give its children a clean mask, or they never die on SIGTERM.
    @Test func childDiesOnSIGTERMEvenWhenParentBlocksIt() throws {
        var block = sigset_t()
        sigemptyset(&block)
        sigaddset(&block, SIGTERM)
        var old = sigset_t()
        pthread_sigmask(SIG_BLOCK, &block, &old)
        defer { pthread_sigmask(SIG_SETMASK, &old, nil) }

        let child = try ChildProcess.spawn("sleep", ["30"])
        usleep(50_000)
        child.send(SIGTERM)
        let ended = try child.wait(timeout: 5)
        if ended == nil { child.send(SIGKILL); _ = try child.wait() }
        #expect(ended == .signalled(SIGTERM))
    }

    @Test func outputCanGoToAFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let out = "\(dir.path)/out.txt"
        let child = try ChildProcess.spawn("sh", ["-c", "echo hello"], stdout: .file(out))
        #expect(try child.wait() == .exited(0))
        #expect(try FileSystem.readFile(out) == Array("hello\n".utf8))
    }
}

@Suite struct SystemdNotifierTests {
    @Test func sendsOneDatagramOfLines() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let socket = try UnixDatagramSocket(path: "\(dir.path)/notify")
        try SystemdNotifier(socketPath: socket.path).notify(["READY=1", "STATUS=running"])
        #expect(try socket.receive(timeout: 2) == "READY=1\nSTATUS=running")
    }

    @Test func withoutSocketNothingIsSent() throws {
        try SystemdNotifier(socketPath: nil).notify(["READY=1"])
        try SystemdNotifier(socketPath: "").notify(["READY=1"])
    }

    @Test func watchdogIntervalIsHalfOfWatchdogUsecForOurPid() {
        #expect(SystemdNotifier.watchdogPingInterval(usec: "200000", pid: nil) == .milliseconds(100))
        #expect(SystemdNotifier.watchdogPingInterval(usec: "200000", pid: "\(getpid())") == .milliseconds(100))
        #expect(SystemdNotifier.watchdogPingInterval(usec: "200000", pid: "\(getpid() + 1)") == nil)
        #expect(SystemdNotifier.watchdogPingInterval(usec: nil, pid: nil) == nil)
        #expect(SystemdNotifier.watchdogPingInterval(usec: "0", pid: nil) == nil)
        #expect(SystemdNotifier.watchdogPingInterval(usec: "abc", pid: nil) == nil)
    }
}
