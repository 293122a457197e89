import Glibc

/// Writes to standard error through the descriptor: Glibc's `stderr` is a
/// mutable global that Swift 6 rightly refuses to touch from any context.
func printError(_ text: String) {
    var bytes = Array(text.utf8)
    if bytes.last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}
