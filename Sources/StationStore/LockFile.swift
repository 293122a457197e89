import Glibc

/// An exclusive `flock(2)` on `<dir>/store.lock`, holding the owner's pid so
/// a second opener can say who has the store. flock (not fcntl) locks: they
/// belong to the open file description, so a second open in the same process
/// conflicts too, and the kernel drops them when the holder dies.
final class LockFile {
    let path: String
    private var fd: Int32

    init(path: String) throws {
        self.path = path
        fd = -1
        repeat { fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644) } while fd < 0 && errno == EINTR
        guard fd >= 0 else { throw LockFile.error(path, "open", errno) }
        var rc: Int32
        repeat { rc = flock(fd, LOCK_EX | LOCK_NB) } while rc != 0 && errno == EINTR
        if rc != 0 {
            let code = errno
            let holder = LockFile.readPID(fd)
            close(fd)
            if code == EWOULDBLOCK {
                let who = holder.map { "process \($0)" } ?? "another process"
                throw StoreError(.locked, path: path, detail: "the store is in use by \(who)")
            }
            throw LockFile.error(path, "flock", code)
        }
        // The pid is information for the next opener, not the lock itself:
        // a stale pid in an unlocked file is harmless.
        let text = Array("\(getpid())\n".utf8)
        guard ftruncate(fd, 0) == 0, pwrite(fd, text, text.count, 0) == text.count else {
            let code = errno
            close(fd)
            throw LockFile.error(path, "write pid", code)
        }
    }

    deinit { release() }

    func release() {
        guard fd >= 0 else { return }
        close(fd)  // dropping the descriptor drops the flock
        fd = -1
    }

    private static func readPID(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = pread(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return nil }
        let text = String(decoding: buffer[0..<n], as: UTF8.self).filter { $0.isNumber }
        return Int32(text)
    }

    private static func error(_ path: String, _ call: String, _ code: Int32) -> StoreError {
        StoreError(.sqlite, path: path, detail: "\(call): \(String(cString: strerror(code))) (errno \(code))")
    }
}
