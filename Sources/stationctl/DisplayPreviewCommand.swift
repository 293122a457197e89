import FoundationEssentials
import StationConfig
import StationDaemon
import StationDisplay
import StationSystem

struct DisplayPreviewCommand: Command {
    static let name = "preview"
    static let abstract = "What the display shows now, as PNG or in the terminal."
    static let help = """
        USAGE: stationctl display preview [--png FILE] [--layout NAME] [--state FILE]

        Asks the running stationd what its display shows now and renders it
        in a layout: as a PNG file with --png, else in this terminal (the
        20x4 layout as text, the others in coloured half-block pixels).
        With --state, renders the JSON state FILE instead (no daemon needed;
        format in docs/display.md).

        OPTIONS:
          --png FILE      Write a PNG image to FILE.
          --layout NAME   128x64, 20x4, 480x320 or 800x480; default: the
                          configured panel's (480x320 for a framebuffer
                          or without a configuration).
          --state FILE    Render this state instead of the daemon's.

        EXIT CODES: 0 ok, 1 failure, 64 usage, 65 bad state file,
        69 stationd not running, 77 permission denied.
        """

    var png: String?
    var state: String?
    var layout: DisplayLayout?
    let globals: GlobalOptions

    init(arguments: [String], globals: GlobalOptions) throws(UsageError) {
        self.globals = globals
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            guard ["--png", "--layout", "--state"].contains(argument) else {
                throw UsageError(description: "unexpected argument '\(argument)'", help: Self.help)
            }
            guard let value = rest.popFirst() else { throw UsageError(description: "\(argument) needs a value", help: Self.help) }
            switch argument {
            case "--png": png = value
            case "--state": state = value
            default:
                guard let named = DisplayLayout(rawValue: value) else {
                    throw UsageError(description: "unknown layout '\(value)'; known: \(DisplayLayout.allCases.map(\.rawValue).joined(separator: ", "))", help: Self.help)
                }
                layout = named
            }
        }
    }

    func run() -> Int32 {
        if let state {
            do {
                let bytes = try FileSystem.readFile(state, limit: 1 << 20)
                return output(try JSONDecoder().decode(DisplayContent.self, from: Data(bytes)))
            } catch let error as SystemError {
                printError("stationctl: \(error)")
                return ExitCode.failure
            } catch {
                printError("stationctl: \(state) is not a display state (docs/display.md): \(error)")
                return ExitCode.dataError
            }
        }
        return withDaemon(globals) { (client) throws(ControlClient.Failure) in
            output(try client.request("display.preview", as: DisplayContent.self))
        }
    }

    /// The configured panel's layout, when the configuration can be read.
    var configuredLayout: DisplayLayout {
        let loader = ConfigLoader(boardDirectory: BoardDirectory.locate(explicit: globals.boardDirectory), checkFiles: false)
        return (try? loader.load(path: globals.configPath)).map { DisplayOptions($0.configuration).layout } ?? .colour480x320
    }

    func output(_ content: DisplayContent) -> Int32 {
        let frame = DisplayFrame.render(content, layout: layout ?? configuredLayout)
        guard let png else {
            print(PreviewPanel.text(frame), terminator: "")
            return ExitCode.ok
        }
        do {
            try FileSystem.writeAtomically(png, PNGWriter.encode(frame.canvas))
            return ExitCode.ok
        } catch {
            printError("stationctl: writing \(png): \(error)")
            return ExitCode.failure
        }
    }
}
