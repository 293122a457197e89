import TOML

/// One problem found in a configuration file, in compiler style:
/// `FILE:LINE:COL: error: MESSAGE`.
public struct ConfigDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var position: TOMLPosition
    public var message: String

    public init(file: String, position: TOMLPosition, message: String) {
        self.file = file
        self.position = position
        self.message = message
    }

    public var description: String { "\(file):\(position.line):\(position.column): error: \(message)" }
}

/// Every problem found in a configuration at once, so that a technician fixes
/// them in one round instead of one per restart.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [ConfigDiagnostic]

    public init(_ diagnostics: [ConfigDiagnostic]) {
        self.diagnostics = diagnostics
    }

    /// One diagnostic per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }

    /// The sysexits code for a configuration error (`EX_CONFIG`).
    public static let exitCode: Int32 = 78
}

/// Collects diagnostics while a configuration is read.
final class DiagnosticCollector {
    private(set) var items: [ConfigDiagnostic] = []

    func error(_ file: String, _ position: TOMLPosition, _ message: String) {
        items.append(ConfigDiagnostic(file: file, position: position, message: message))
    }

    /// Diagnostics in file order, so the output reads top to bottom.
    var sorted: [ConfigDiagnostic] {
        items.enumerated().sorted { a, b in
            if a.element.file != b.element.file { return a.offset < b.offset }
            if a.element.position != b.element.position { return a.element.position < b.element.position }
            return a.offset < b.offset
        }.map(\.element)
    }
}
