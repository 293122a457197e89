/// EPX / Scale2x (Andrea Mazzoleni): doubles a 1-bit bitmap, copying a
/// neighbour into a corner where two edges meet, so a diagonal stroke
/// stays a line instead of becoming steps.
enum Scale2x {
    static func scale(_ rows: [UInt32], width: Int) -> [UInt32] {
        let height = rows.count
        func at(_ x: Int, _ y: Int) -> Bool {
            guard x >= 0, y >= 0, x < width, y < height else { return false }
            return rows[y] >> UInt32(width - 1 - x) & 1 == 1
        }
        var out = [UInt32](repeating: 0, count: height * 2)
        let outWidth = width * 2
        func set(_ x: Int, _ y: Int) { out[y] |= UInt32(1) << UInt32(outWidth - 1 - x) }
        for y in 0..<height {
            for x in 0..<width {
                let p = at(x, y), a = at(x, y - 1), b = at(x + 1, y), c = at(x - 1, y), d = at(x, y + 1)
                var e = (p, p, p, p)
                if c == a && c != d && a != b { e.0 = a }
                if a == b && a != c && b != d { e.1 = b }
                if d == c && d != b && c != a { e.2 = c }
                if b == d && b != a && d != c { e.3 = d }
                if e.0 { set(2 * x, 2 * y) }
                if e.1 { set(2 * x + 1, 2 * y) }
                if e.2 { set(2 * x, 2 * y + 1) }
                if e.3 { set(2 * x + 1, 2 * y + 1) }
            }
        }
        return out
    }
}
