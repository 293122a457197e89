import StationSystem
import TOML

/// A configuration as loaded: the values, and what they were read from.
public struct LoadedConfiguration: Sendable {
    public var configuration: StationConfiguration
    /// The files read, the station's own first, then its board's.
    public var files: [String]
    /// A short fingerprint of the files' bytes (FNV-1a, 64 bits, hex), so the
    /// platform and a technician can tell which configuration a station runs.
    public var hash: String
}

/// Reads a station's configuration file and its board's defaults, and checks
/// everything at once.
public struct ConfigLoader: Sendable {
    /// The folder holding `NAME/station.toml` for each board.
    public var boardDirectory: String?
    /// Whether to check that TLS and credential files exist and are private
    /// (off when validating a file meant for another machine).
    public var checkFiles: Bool

    public init(boardDirectory: String?, checkFiles: Bool = true) {
        self.boardDirectory = boardDirectory
        self.checkFiles = checkFiles
    }

    /// Loads `path` (and its board's defaults); throws every problem found.
    public func load(path: String) throws(ConfigError) -> LoadedConfiguration {
        let (table, bytes) = try Self.parse(path)
        return try load(table: table, bytes: bytes, file: path)
    }

    /// Loads a configuration given as text (a file named `file` in messages).
    public func load(text: String, file: String) throws(ConfigError) -> LoadedConfiguration {
        let bytes = Array(text.utf8)
        let table: TOMLTable
        do {
            table = try TOMLDecoder.decode(bytes: bytes)
        } catch {
            throw ConfigError([ConfigDiagnostic(file: file, position: error.position, message: error.reason)])
        }
        return try load(table: table, bytes: bytes, file: file)
    }

    private func load(table: TOMLTable, bytes: [UInt8], file: String) throws(ConfigError) -> LoadedConfiguration {
        let diagnostics = DiagnosticCollector()
        var layers = [LayeredTable.Layer(file: file, table: table, position: TOMLPosition(line: 1, column: 1))]
        var files = [file]
        var hash = FNV1a()
        hash.add(bytes)

        if let entry = table.entry("board") {
            switch entry.node.value {
            case .string(let board):
                if let boardFile = boardFile(board, entry: entry, file: file, diagnostics: diagnostics),
                    FileSystem.realPath(boardFile) != FileSystem.realPath(file)
                {
                    let (boardTable, boardBytes) = try Self.parse(boardFile)
                    if let inner = boardTable.entry("board"), case .string(let named) = inner.node.value, named != board {
                        diagnostics.error(boardFile, inner.node.position, "board: a board file may only name its own board ('\(board)'), not '\(named)'")
                    }
                    layers.append(LayeredTable.Layer(file: boardFile, table: boardTable, position: TOMLPosition(line: 1, column: 1)))
                    files.append(boardFile)
                    hash.add(boardBytes)
                }
            default:
                diagnostics.error(file, entry.node.position, "board: expected a string, found \(article(entry.node.value.typeName))")
            }
        }

        let root = LayeredTable(layers: layers, path: "", diagnostics: diagnostics, fallback: (file, TOMLPosition(line: 1, column: 1)))
        let configuration = StationConfiguration.decode(root, checkFiles: checkFiles)
        guard let configuration, diagnostics.items.isEmpty else { throw ConfigError(diagnostics.sorted) }
        return LoadedConfiguration(configuration: configuration, files: files, hash: hash.hex)
    }

    /// The board's `station.toml`, or nil after reporting why there is none.
    private func boardFile(_ board: String, entry: TOMLTable.Entry, file: String, diagnostics: DiagnosticCollector) -> String? {
        guard let boardDirectory else {
            diagnostics.error(file, entry.node.position, "board: cannot find the board definitions for '\(board)' (no board directory; use --board-dir)")
            return nil
        }
        let known = ((try? FileSystem.list(boardDirectory)) ?? []).filter {
            FileSystem.exists("\(boardDirectory)/\($0)/station.toml")
        }
        guard StationConfiguration.isValidIdentifier(board), known.contains(board) else {
            let hint = Suggestion.hint(for: board, in: known)
            let list = known.isEmpty ? "none found in \(boardDirectory)" : known.joined(separator: ", ")
            diagnostics.error(file, entry.node.position, "board: unknown board '\(board)' (known boards: \(list))\(hint)")
            return nil
        }
        return "\(boardDirectory)/\(board)/station.toml"
    }

    /// Reads and decodes one TOML file; a read or syntax error is one diagnostic.
    static func parse(_ path: String) throws(ConfigError) -> (TOMLTable, [UInt8]) {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.readFile(path)
        } catch {
            let reason = (error as? SystemError)?.reason ?? "\(error)"
            throw ConfigError([ConfigDiagnostic(file: path, position: TOMLPosition(line: 1, column: 1), message: "cannot read configuration: \(reason)")])
        }
        do {
            return (try TOMLDecoder.decode(bytes: bytes), bytes)
        } catch {
            throw ConfigError([ConfigDiagnostic(file: path, position: error.position, message: error.reason)])
        }
    }
}

/// 64-bit FNV-1a: a fingerprint, not a security measure.
struct FNV1a {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ bytes: [UInt8]) {
        for b in bytes {
            state ^= UInt64(b)
            state &*= 0x0000_0100_0000_01b3
        }
    }

    var hex: String {
        let digits = String(state, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
