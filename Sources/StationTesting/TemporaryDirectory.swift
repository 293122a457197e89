#if canImport(Glibc)
import Glibc
#endif
import StationSystem

/// A fresh directory under `$TMPDIR` (or /tmp), removed with its content on `remove()`.
public struct TemporaryDirectory: Sendable {
    public let path: String

    /// `base` overrides `$TMPDIR` (e.g. a disk-backed directory where a
    /// tmpfs would hide the writes being measured).
    public init(prefix: String = "station-test", under base: String? = nil) throws {
        let base = base ?? Environment.get("TMPDIR") ?? "/tmp"
        var template = Array("\(base)/\(prefix).XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw SystemError(call: "mkdtemp", errno: errno, subject: base)
        }
        path = String(cString: made)
    }

    /// The full path of `name` inside the directory.
    public func file(_ name: String) -> String { "\(path)/\(name)" }

    /// Writes `text` to `name` inside the directory and returns the full path.
    @discardableResult
    public func write(_ name: String, _ text: String, permissions: mode_t = 0o644) throws -> String {
        let full = "\(path)/\(name)"
        try FileSystem.createDirectories(FileSystem.directoryName(full))
        try FileSystem.writeAtomically(full, Array(text.utf8), permissions: permissions)
        _ = chmod(full, permissions)
        return full
    }

    public func remove() {
        _ = try? ChildProcess.spawn("rm", ["-rf", path]).wait()
    }
}

/// Paths of what `swift build` made: the test binary lives beside the products.
public enum BuiltProducts {
    /// The directory of the running test executable (`.build/<triple>/debug`).
    public static var directory: String {
        FileSystem.directoryName(FileSystem.executablePath ?? "./x")
    }

    /// The full path of a product such as `stationd`.
    public static func path(_ name: String) -> String { "\(directory)/\(name)" }

    /// The package root (for `board/` and `docs/`), found from this source file.
    public static func packageRoot(filePath: String = #filePath) -> String {
        var dir = FileSystem.directoryName(filePath)
        while dir != "/" {
            if FileSystem.exists(dir + "/Package.swift") { return dir }
            dir = FileSystem.directoryName(dir)
        }
        return "."
    }
}
