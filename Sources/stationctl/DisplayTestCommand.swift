import StationConfig
import StationDaemon
import StationDisplay
import StationSystem

struct DisplayTestCommand: Command {
    static let name = "test"
    static let abstract = "Draw a test pattern on the configured display."
    static let help = """
        USAGE: stationctl display test

        Opens the display of the configuration ([display] driver, device, bus,
        address) and draws a test pattern: a border on the outermost pixels,
        a checkerboard corner, every glyph, and (on colour screens) the
        palette. Stop stationd first if it drives the same panel. The
        terminal driver prints the pattern here.

        EXIT CODES: 0 drawn, 1 the panel failed, 78 no display configured or
        the configuration is invalid.
        """

    let globals: GlobalOptions

    init(arguments: [String], globals: GlobalOptions) throws(UsageError) {
        if let extra = arguments.first { throw UsageError(description: "unexpected argument '\(extra)'", help: Self.help) }
        self.globals = globals
    }

    func run() -> Int32 {
        let loader = ConfigLoader(boardDirectory: BoardDirectory.locate(explicit: globals.boardDirectory), checkFiles: false)
        let options: DisplayOptions
        do {
            options = DisplayOptions(try loader.load(path: globals.configPath).configuration)
        } catch {
            printError(error.description)
            return ExitCode.config
        }
        if options.driver == .terminal {
            print(PreviewPanel.text(TestPattern.frame(.mono128x64)), terminator: "")
            print(PreviewPanel.text(TestPattern.frame(.text20x4)), terminator: "")
            return ExitCode.ok
        }
        do {
            guard let panel = try DisplayPanels.open(options) else {
                printError("stationctl: no display configured ([display] driver = \"none\")")
                return ExitCode.config
            }
            try panel.prepare()
            try panel.show(TestPattern.frame(panel.layout))
            print("test pattern drawn on the \(options.driver.rawValue) display (layout \(panel.layout.rawValue))")
            return ExitCode.ok
        } catch {
            printError("stationctl: display \(options.driver.rawValue): \(error)")
            return ExitCode.failure
        }
    }
}
