import StationSystem

/// A user name and password for the broker, read from a file that holds
/// `username:password` on its first line.
public struct Credentials: Sendable, Equatable {
    public var username: String
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    /// Reads `path`. Refuses a file that anyone may read (mode `o+r`): a
    /// password there is no secret. The password may contain `:`; the user
    /// name may not.
    public static func load(_ path: String) throws(UplinkError) -> Credentials {
        let mode: UInt32
        do {
            mode = UInt32(try FileSystem.permissions(path))
        } catch {
            throw UplinkError.credentials(path, "cannot be read: \(error.reason)")
        }
        if mode & 0o004 != 0 {
            throw UplinkError.credentials(
                path, "is readable by everyone (mode \(String(mode, radix: 8))); run: chmod 600 \(path)")
        }
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.readFile(path, limit: 64 * 1024)
        } catch {
            throw UplinkError.credentials(path, "cannot be read: \(error)")
        }
        // Bytes, not Characters: "\r\n" is one Character and would not split at "\n".
        var line = bytes.prefix { $0 != 0x0A }
        if line.last == 0x0D { line = line.dropLast() }
        let trimmed = String(decoding: line, as: UTF8.self)
        guard let colon = trimmed.firstIndex(of: ":") else {
            throw UplinkError.credentials(path, "must hold 'username:password' on its first line (no ':' found)")
        }
        let username = String(trimmed[..<colon])
        guard !username.isEmpty else {
            throw UplinkError.credentials(path, "has an empty user name before ':'")
        }
        return Credentials(username: username, password: String(trimmed[trimmed.index(after: colon)...]))
    }
}
