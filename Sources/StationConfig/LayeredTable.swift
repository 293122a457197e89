import TOML

/// A table seen through layers: the station's own file first, then the
/// defaults of its board. A key is taken from the first layer that has it,
/// so every value keeps the file and position it was written at, and every
/// message can point there.
final class LayeredTable {
    struct Layer {
        let file: String
        let table: TOMLTable
        /// Where the table starts (its header), for "required key is missing".
        let position: TOMLPosition
    }

    let layers: [Layer]
    /// The key path of this table in messages (`mqtt.tls`, `sensor[2]`; empty at top level).
    let path: String
    let diagnostics: DiagnosticCollector
    /// Where to point when the table is in no layer at all.
    private let fallback: (file: String, position: TOMLPosition)
    private var known: [String] = []

    init(layers: [Layer], path: String, diagnostics: DiagnosticCollector, fallback: (String, TOMLPosition)) {
        self.layers = layers
        self.path = path
        self.diagnostics = diagnostics
        self.fallback = fallback
    }

    /// `mqtt.port` for key `port` of table `mqtt`.
    func subject(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Where the table itself is written: the first layer that has it.
    var origin: (file: String, position: TOMLPosition) {
        layers.first.map { ($0.file, $0.position) } ?? fallback
    }

    /// The entry for `key` from the first layer that has it; marks the key as known.
    func lookup(_ key: String) -> (file: String, entry: TOMLTable.Entry)? {
        known.append(key)
        for layer in layers {
            if let entry = layer.table.entry(key) { return (layer.file, entry) }
        }
        return nil
    }

    /// Marks keys as known without reading them.
    func declare(_ keys: [String]) { known.append(contentsOf: keys) }

    func error(at location: (file: String, entry: TOMLTable.Entry), _ key: String, _ text: String, atKey: Bool = false) {
        let position = atKey ? location.entry.keyPosition : location.entry.node.position
        diagnostics.error(location.file, position, "\(subject(key)): \(text)")
    }

    func missing(_ key: String) {
        diagnostics.error(origin.file, origin.position, "\(subject(key)): required key is missing")
    }

    /// Reports every key that no reader asked for, with a suggestion.
    func finish() {
        for layer in layers {
            for entry in layer.table.entries where !known.contains(entry.key) {
                let hint = Suggestion.hint(for: entry.key, in: known)
                diagnostics.error(layer.file, entry.keyPosition, "\(subject(entry.key)): unknown key\(hint)")
            }
        }
    }

    // MARK: typed readers; each reports a wrong type and returns nil

    func string(_ key: String) -> String? {
        guard let found = lookup(key) else { return nil }
        if case .string(let s) = found.entry.node.value { return s }
        typeMismatch(found, key, expected: "a string")
        return nil
    }

    func integer(_ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let found = lookup(key) else { return nil }
        guard case .integer(let v) = found.entry.node.value else {
            typeMismatch(found, key, expected: "an integer")
            return nil
        }
        guard v >= Int64(range.lowerBound), v <= Int64(range.upperBound) else {
            error(at: found, key, "\(v) is out of range (\(range.lowerBound)...\(range.upperBound))")
            return nil
        }
        return Int(v)
    }

    /// A float; an integer is accepted too (`latitude = 52` means 52.0).
    func number(_ key: String, in range: ClosedRange<Double>) -> Double? {
        guard let found = lookup(key) else { return nil }
        let value: Double
        switch found.entry.node.value {
        case .float(let f): value = f
        case .integer(let i): value = Double(i)
        default:
            typeMismatch(found, key, expected: "a number")
            return nil
        }
        guard range.contains(value) else {
            error(at: found, key, "\(value) is out of range (\(range.lowerBound)...\(range.upperBound))")
            return nil
        }
        return value
    }

    func boolean(_ key: String) -> Bool? {
        guard let found = lookup(key) else { return nil }
        if case .boolean(let b) = found.entry.node.value { return b }
        typeMismatch(found, key, expected: "true or false")
        return nil
    }

    /// A duration string such as `"30s"`, within `range`.
    func duration(_ key: String, in range: ClosedRange<Duration>) -> Duration? {
        guard let found = lookup(key) else { return nil }
        guard case .string(let text) = found.entry.node.value else {
            typeMismatch(found, key, expected: "a duration such as \"30s\"")
            return nil
        }
        guard let value = Quantities.duration(text) else {
            error(at: found, key, "invalid duration '\(text)' (a number with ms, s, m, h or d, e.g. \"30s\")")
            return nil
        }
        guard range.contains(value) else {
            error(at: found, key, "\(text) is out of range (\(Quantities.format(range.lowerBound))...\(Quantities.format(range.upperBound)))")
            return nil
        }
        return value
    }

    /// A size: an integer number of bytes or a string such as `"512MiB"`.
    func size(_ key: String, atLeast minimum: Int64) -> Int64? {
        guard let found = lookup(key) else { return nil }
        let bytes: Int64
        switch found.entry.node.value {
        case .integer(let i): bytes = i
        case .string(let text):
            guard let parsed = Quantities.size(text) else {
                error(at: found, key, "invalid size '\(text)' (a number with B, KB, MB, GB, KiB, MiB or GiB, e.g. \"512MiB\")")
                return nil
            }
            bytes = parsed
        default:
            typeMismatch(found, key, expected: "a size such as \"512MiB\"")
            return nil
        }
        guard bytes >= minimum else {
            error(at: found, key, "\(bytes) bytes is too small (at least \(minimum))")
            return nil
        }
        return bytes
    }

    /// One of a fixed set of words, with a suggestion for a typo.
    func choice(_ key: String, _ options: [String]) -> String? {
        guard let text = string(key) else { return nil }
        if options.contains(text) { return text }
        let found = lookup(key)!
        let hint = Suggestion.hint(for: text, in: options)
        error(at: found, key, "'\(text)' is not one of: \(options.joined(separator: ", "))\(hint)")
        return nil
    }

    /// The sub-table `key` through all layers that have it.
    func table(_ key: String) -> LayeredTable {
        var sublayers: [Layer] = []
        known.append(key)
        for layer in layers {
            guard let entry = layer.table.entry(key) else { continue }
            if case .table(let t) = entry.node.value {
                sublayers.append(Layer(file: layer.file, table: t, position: entry.node.position))
            } else {
                typeMismatch((layer.file, entry), key, expected: "a table")
            }
        }
        return LayeredTable(layers: sublayers, path: subject(key), diagnostics: diagnostics, fallback: origin)
    }

    /// The array of tables `key` (`[[sensor]]`) from the first layer that has it:
    /// a station's own list replaces its board's.
    func arrayOfTables(_ key: String) -> [LayeredTable] {
        guard let found = lookup(key) else { return [] }
        guard case .array(let nodes) = found.entry.node.value else {
            typeMismatch(found, key, expected: "an array of tables ([[\(key)]])")
            return []
        }
        var result: [LayeredTable] = []
        for (index, node) in nodes.enumerated() {
            guard case .table(let t) = node.value else {
                diagnostics.error(found.file, node.position, "\(subject(key))[\(index + 1)]: expected a table, found \(article(node.value.typeName))")
                continue
            }
            let layer = Layer(file: found.file, table: t, position: node.position)
            result.append(LayeredTable(layers: [layer], path: "\(subject(key))[\(index + 1)]", diagnostics: diagnostics, fallback: (found.file, node.position)))
        }
        return result
    }

    private func typeMismatch(_ found: (file: String, entry: TOMLTable.Entry), _ key: String, expected: String) {
        error(at: found, key, "expected \(expected), found \(article(found.entry.node.value.typeName))")
    }
}

/// `an integer`, `a string`.
func article(_ noun: String) -> String {
    let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
    return (vowels.contains(noun.first ?? "x") ? "an " : "a ") + noun
}
