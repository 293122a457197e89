/// A table under construction, with what the redefinition rules need to know.
///
/// The public `TOMLTable` is a value type; building through references lets
/// the parser reopen `[a]` after `[a.b.c]` without copying subtrees.
final class TableBuilder {
    /// How the table came to exist; TOML's redefinition rules depend on it.
    enum Origin {
        /// Created as an intermediate of a `[a.b.c]` header; may be defined later.
        case implicit
        /// Defined by its own `[header]`.
        case header
        /// Created by a dotted key `a.b = 1`; extendable by dotted keys only.
        case dotted
        /// An element of an array of tables, or the body of an inline table.
        case closed
    }

    enum Content {
        case value(TOMLNode)
        case table(TableBuilder)
        case tables(ArrayOfTables)
    }

    struct Slot {
        var key: String
        var keyPosition: TOMLPosition
        var content: Content
    }

    var origin: Origin
    var position: TOMLPosition
    /// Containers between the root and this table, for the nesting limit.
    let depth: Int
    private(set) var slots: [Slot] = []
    // Config tables are small: a linear scan beats hashing until they grow.
    private var lookup: [String: Int]? = nil
    private static let lookupThreshold = 16

    init(origin: Origin, position: TOMLPosition, depth: Int) {
        self.origin = origin
        self.position = position
        self.depth = depth
    }

    func slotIndex(_ key: String) -> Int? {
        if let lookup { return lookup[key] }
        return slots.firstIndex { $0.key == key }
    }

    func slot(_ i: Int) -> Slot { slots[i] }

    func append(_ slot: Slot) {
        if lookup != nil {
            lookup![slot.key] = slots.count
        } else if slots.count == Self.lookupThreshold {
            var map = [String: Int](minimumCapacity: slots.count * 2)
            for (i, existing) in slots.enumerated() { map[existing.key] = i }
            map[slot.key] = slots.count
            lookup = map
        }
        slots.append(slot)
    }

    func updateKeyPosition(_ i: Int, _ position: TOMLPosition) {
        slots[i].keyPosition = position
    }

    /// The finished value tree.
    func build() -> TOMLTable {
        var entries: [TOMLTable.Entry] = []
        entries.reserveCapacity(slots.count)
        for slot in slots {
            let node: TOMLNode
            switch slot.content {
            case .value(let n): node = n
            case .table(let t): node = TOMLNode(.table(t.build()), at: t.position)
            case .tables(let a):
                node = TOMLNode(.array(a.elements.map { TOMLNode(.table($0.build()), at: $0.position) }), at: a.position)
            }
            entries.append(TOMLTable.Entry(key: slot.key, keyPosition: slot.keyPosition, node: node))
        }
        return TOMLTable(distinctEntries: entries)
    }
}

/// An array of tables (`[[name]]`) under construction.
final class ArrayOfTables {
    let position: TOMLPosition
    var elements: [TableBuilder] = []

    init(position: TOMLPosition) {
        self.position = position
    }
}
