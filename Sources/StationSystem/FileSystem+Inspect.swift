#if canImport(Glibc)
import Glibc
#endif

extension FileSystem {
    /// The names in a directory, without `.` and `..`, sorted.
    public static func list(_ directory: String) throws(SystemError) -> [String] {
        guard let dir = opendir(directory) else {
            throw SystemError(call: "opendir", errno: Glibc.errno, subject: directory)
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// The permission bits of a file (`stat(2)`, `st_mode & 0o7777`).
    public static func permissions(_ path: String) throws(SystemError) -> mode_t {
        var info = stat()
        _ = try retryingEINTR("stat", subject: path) { stat(path, &info) }
        return info.st_mode & 0o7777
    }

    /// Whether `path` is a directory.
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Why `path` cannot be opened for reading by this process, or nil if it can.
    public static func readProblem(_ path: String) -> SystemError? {
        do {
            let fd = try FileDescriptor.open(path, O_RDONLY)
            fd.close()
            return nil
        } catch {
            return error
        }
    }

    /// The canonical absolute path (`realpath(3)`), or nil if it does not resolve.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The path of the running executable (`/proc/self/exe`).
    public static var executablePath: String? { realPath("/proc/self/exe") }
}
