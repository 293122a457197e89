// toml-test's standard decoder interface: TOML on stdin; tagged JSON on
// stdout and exit 0, or the error on stderr and exit 1.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import TOML

/// All of stdin, as raw bytes so that invalid UTF-8 reaches the decoder.
func readStandardInput() -> [UInt8] {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
        if n > 0 {
            bytes.append(contentsOf: chunk[0..<n])
        } else if n == 0 || errno != EINTR {
            return bytes
        }
    }
}

do {
    let table = try TOMLDecoder.decode(bytes: readStandardInput())
    print(TOMLTaggedJSON.encode(table))
} catch {
    var message = error.diagnostic(file: "<stdin>") + "\n"
    message.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    exit(1)
}
