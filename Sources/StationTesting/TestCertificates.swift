#if canImport(Glibc)
import Glibc
#endif
import StationSystem

/// A throwaway PKI made with the `openssl` command at test time: a CA, a
/// server certificate for 127.0.0.1/localhost, a client certificate, and a
/// second, unrelated CA (to check that a wrong CA is refused). EC P-256 keys,
/// valid for a day.
public struct TestCertificates: Sendable {
    public let directory: TemporaryDirectory
    public var caFile: String { "\(directory.path)/ca.crt" }
    public var serverCertFile: String { "\(directory.path)/server.crt" }
    public var serverKeyFile: String { "\(directory.path)/server.key" }
    public var clientCertFile: String { "\(directory.path)/client.crt" }
    public var clientKeyFile: String { "\(directory.path)/client.key" }
    /// A CA that signed nothing here.
    public var otherCAFile: String { "\(directory.path)/other-ca.crt" }

    public init() throws {
        directory = try TemporaryDirectory(prefix: "pki")
        // mosquitto drops to user `mosquitto` and must read the server files.
        _ = chmod(directory.path, 0o755)
        let d = directory.path
        let key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try Self.openssl(["req", "-x509"] + key + ["-keyout", "\(d)/ca.key", "-out", "\(d)/ca.crt", "-days", "1", "-subj", "/CN=Station Test CA"])
        try Self.openssl(["req", "-x509"] + key + ["-keyout", "\(d)/other-ca.key", "-out", "\(d)/other-ca.crt", "-days", "1", "-subj", "/CN=Unrelated CA"])
        try directory.write("server.ext", "subjectAltName=IP:127.0.0.1,DNS:localhost\n")
        for (name, subject, ext) in [("server", "/CN=localhost", true), ("client", "/CN=station-client", false)] {
            try Self.openssl(["req"] + key + ["-keyout", "\(d)/\(name).key", "-out", "\(d)/\(name).csr", "-subj", subject])
            var sign = ["x509", "-req", "-in", "\(d)/\(name).csr", "-CA", "\(d)/ca.crt", "-CAkey", "\(d)/ca.key",
                        "-CAcreateserial", "-out", "\(d)/\(name).crt", "-days", "1"]
            if ext { sign += ["-extfile", "\(d)/server.ext"] }
            try Self.openssl(sign)
        }
        for file in ["ca.crt", "other-ca.crt", "server.crt", "server.key", "client.crt"] {
            _ = chmod("\(d)/\(file)", 0o644)
        }
        _ = chmod("\(d)/client.key", 0o600)
    }

    public func remove() { directory.remove() }

    private static func openssl(_ arguments: [String]) throws {
        let status = try ChildProcess.spawn("openssl", arguments, stdout: .null, stderr: .null).wait()
        guard status == .exited(0) else {
            throw BrokerError(message: "openssl \(arguments.prefix(2).joined(separator: " ")) failed: \(status)")
        }
    }
}
