#if canImport(Glibc)
import Glibc
#endif
import StationDaemon
import StationDisplay
import StationSystem
import StationTesting
import Testing

/// `stationctl display preview` from a state file and from a running daemon.
@Suite(.serialized) struct DisplayCommandTests {
    static func ctl(_ arguments: [String]) throws -> CommandResult {
        try CommandResult.run(BuiltProducts.path("stationctl"), arguments)
    }

    static let state = #"""
        {"language":"de","station":"Mobilitätsstation Süd","groups":[{"name":"Fahrräder","free":7,"total":10}],
         "air":{"pm2_5":12.4,"pm10":18},"uplink":{"offline":{"seconds":7500,"queued":1234}}}
        """#

    /// Width and height from the IHDR chunk.
    static func pngSize(_ bytes: [UInt8]) -> (Int, Int) {
        func u32(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (u32(16), u32(20))
    }

    @Test func previewFromAStateFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let state = try dir.write("state.json", Self.state)
        let text = try Self.ctl(["display", "preview", "--state", state, "--layout", "20x4"])
        #expect(text.status == .exited(0), "\(text.stderr)")
        #expect(text.stdout == """
            ┌────────────────────┐
            │Mobilitätsstation Sü│
            │Fahrräder 7/10 frei │
            │Luft Mäßig 2/6      │
            │Offline 2h 5m +1234 │
            └────────────────────┘

            """)
        for (layout, size) in [("128x64", (128, 64)), ("800x480", (800, 480))] {
            let png = try Self.ctl(["display", "preview", "--state", state, "--layout", layout, "--png", "\(dir.path)/\(layout).png"])
            #expect(png.status == .exited(0))
            let bytes = try FileSystem.readFile("\(dir.path)/\(layout).png")
            #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            #expect(Self.pngSize(bytes) == size)
        }
    }

    @Test func badStateAndLayoutAreRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let bad = try dir.write("bad.json", #"{"groups": 3}"#)
        let r = try Self.ctl(["display", "preview", "--state", bad])
        #expect(r.status == .exited(65))
        #expect(r.stderr.hasPrefix("stationctl: \(bad) is not a display state (docs/display.md): "))
        let layout = try Self.ctl(["display", "preview", "--layout", "7x7"])
        #expect(layout.status == .exited(64))
        #expect(layout.stderr.hasPrefix("stationctl: unknown layout '7x7'; known: 128x64, 20x4, 480x320, 800x480\n"))
    }

    @Test func previewFromTheRunningDaemon() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var toml = """
            data_dir = "\(dir.path)/data"
            [control]
            socket = "\(dir.path)/control.sock"
            [station]
            id = "test-1"
            name = "Nordbahnhof"
            [mqtt]
            host = "127.0.0.1"
            [display]
            driver = "terminal"

            """
        for line in 0..<2 {
            toml += "[[sensor]]\nname = \"bay-\(line)\"\nmodel = \"gpio\"\nchip = \"gpiochip0\"\nline = \(line)\ngroup = \"rack\"\nsimulate = true\n"
        }
        let config = try dir.write("station.toml", toml)
        let daemon = try DaemonProcess.start(dir, config: config)
        defer { daemon.kill() }
        guard try daemon.await("READY=1") != nil else {
            Issue.record("no READY=1:\n\(daemon.logText)")
            return
        }
        // The terminal driver's layout is 20x4: the default here.
        let r = try Self.ctl(["--config", config, "display", "preview"])
        #expect(r.status == .exited(0), "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 6)
        #expect(lines.dropFirst().first?.hasPrefix("│Nordbahnhof ") == true)
        #expect(lines.dropFirst(2).first?.contains("/2 free") == true)
        // The terminal driver's files, for the demo and for a technician.
        var waited = 0
        while !FileSystem.exists("\(dir.path)/data/display.png") && waited < 50 {
            usleep(100_000)
            waited += 1
        }
        let text = String(decoding: try FileSystem.readFile("\(dir.path)/data/display.txt"), as: UTF8.self)
        #expect(text.contains("│Nordbahnhof "))
        #expect(Self.pngSize(try FileSystem.readFile("\(dir.path)/data/display.png")) == (480, 320))
    }

    @Test func testPatternOnTheConfiguredPanel() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        func config(_ display: String) throws -> String {
            try dir.write("station.toml", "data_dir = \"\(dir.path)/data\"\n[station]\nid = \"t\"\n[mqtt]\nhost = \"h\"\n[display]\n\(display)\n")
        }
        let terminal = try Self.ctl(["--config", try config("driver = \"terminal\""), "display", "test"])
        #expect(terminal.status == .exited(0))
        #expect(terminal.stdout.contains("│ABCDEFGHIJKLMNOPQRST│\n│abcdefghijklmnopqrst│\n│0123456789 ÄÖÜäöüß²·│\n"))
        let none = try Self.ctl(["--config", try config("driver = \"none\""), "display", "test"])
        #expect(none.status == .exited(78))
        #expect(none.stderr == "stationctl: no display configured ([display] driver = \"none\")\n")
        let missing = try Self.ctl(["--config", try config("driver = \"ssd1306\"\nbus = 250"), "display", "test"])
        #expect(missing.status == .exited(1))
        #expect(missing.stderr == "stationctl: display ssd1306: open(/dev/i2c-250): No such file or directory (errno 2)\n")
    }
}
