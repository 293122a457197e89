#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Where the shared toml-test cases live, relative to the package root.
enum TestFiles {
    /// `<package root>/../shared/toml-test`, or nil when absent (a fresh clone).
    static let suiteRoot: String? = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // Tests/TOMLTests/TestFiles.swift
        let root = parts.joined(separator: "/") + "/../shared/toml-test"
        return read(root + "/tests/files-toml-1.0.0") == nil ? nil : root
    }()

    static var suiteIsPresent: Bool { suiteRoot != nil }

    /// The whole file, or nil if it cannot be read.
    static func read(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return ferror(file) == 0 ? bytes : nil
    }

    /// The case files listed for TOML 1.0.0, relative to `tests/`.
    static func listedCases() -> [String] {
        guard let root = suiteRoot, let list = read(root + "/tests/files-toml-1.0.0") else { return [] }
        return String(decoding: list, as: UTF8.self)
            .split(separator: "\n").map(String.init).filter { $0.hasSuffix(".toml") }
    }
}
