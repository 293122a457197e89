#if canImport(Glibc)
import Glibc
#endif
import StationSystem

/// Command groups and their commands; the first word picks the group.
let groups: [(name: String, abstract: String, commands: [any Command.Type])] = [
    ("config", "Validate, show and apply configuration files.", [ConfigValidateCommand.self, ConfigShowCommand.self, ConfigApplyCommand.self]),
    ("mqtt", "The uplink's broker.", [MQTTTestCommand.self]),
    ("display", "Preview the local status display; draw a test pattern.", [DisplayPreviewCommand.self, DisplayTestCommand.self]),
    ("queue", "The durable queue.", [QueueStatsCommand.self, QueuePeekCommand.self, QueueExportCommand.self, QueuePurgeCommand.self]),
    ("sensors", "Sensor health; decode captured frames and probe sensors.", [SensorsListCommand.self, SensorsWatchCommand.self, SensorsDecodeCommand.self, SensorsProbeCommand.self]),
]
let topLevel: [any Command.Type] = [StatusCommand.self, VersionCommand.self, CompletionCommand.self]

let mainHelp: String = {
    var text = """
        USAGE: stationctl [--config FILE] [--socket PATH] [--board-dir DIR] COMMAND ...

        The technician's tool for a station node.

        OPTIONS:
          --config FILE     Configuration file (default: /etc/stationd/station.toml).
          --socket PATH     The daemon's control socket (default: the
                            configuration's control.socket).
          --board-dir DIR   Folder of board definitions.
          -h, --help        Show help; also after any command.

        COMMANDS:

        """
    for command in topLevel { text += "  " + command.name.padded(to: 18) + command.abstract + "\n" }
    for group in groups {
        for command in group.commands {
            text += "  " + "\(group.name) \(command.name)".padded(to: 18) + command.abstract + "\n"
        }
    }
    text += """

        EXIT CODES: 0 ok, 1 failure, 64 usage, 65 bad data, 69 daemon not
        running, 77 permission denied, 78 configuration error.
        """
    return text
}()

func printError(_ text: String) {
    try? FileDescriptor.standardError.writeAll(text + "\n")
}

extension String {
    func padded(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}

@MainActor func main() -> Int32 {
    var arguments = Array(CommandLine.arguments.dropFirst())
    var globals = GlobalOptions()
    while let first = arguments.first, first.hasPrefix("-") {
        arguments.removeFirst()
        switch first {
        case "-h", "--help":
            print(mainHelp)
            return ExitCode.ok
        case "--config", "--socket", "--board-dir":
            guard !arguments.isEmpty else {
                printError("stationctl: \(first) needs a value")
                return ExitCode.usage
            }
            let value = arguments.removeFirst()
            if first == "--config" { globals.configPath = value }
            if first == "--socket" { globals.socketPath = value }
            if first == "--board-dir" { globals.boardDirectory = value }
        default:
            printError("stationctl: unknown option '\(first)'\n\n\(mainHelp)")
            return ExitCode.usage
        }
    }
    guard let word = arguments.first else {
        printError(mainHelp)
        return ExitCode.usage
    }
    arguments.removeFirst()

    var command: (any Command.Type)?
    if let top = topLevel.first(where: { $0.name == word }) {
        command = top
    } else if let group = groups.first(where: { $0.name == word }) {
        guard let sub = arguments.first, let found = group.commands.first(where: { $0.name == sub }) else {
            let list = group.commands.map { "  \(word) \($0.name)".padded(to: 20) + $0.abstract }.joined(separator: "\n")
            if let sub = arguments.first, sub != "-h", sub != "--help" {
                printError("stationctl: unknown command '\(word) \(sub)'\n\nCOMMANDS:\n\(list)")
                return ExitCode.usage
            }
            print("COMMANDS:\n\(list)")
            return arguments.isEmpty ? ExitCode.usage : ExitCode.ok
        }
        arguments.removeFirst()
        command = found
    }
    guard let command else {
        printError("stationctl: unknown command '\(word)'\n\n\(mainHelp)")
        return ExitCode.usage
    }
    if arguments.contains("-h") || arguments.contains("--help") {
        print(command.help)
        return ExitCode.ok
    }
    do {
        return try command.init(arguments: arguments, globals: globals).run()
    } catch {
        printError("stationctl: \(error.description)\n\n\(error.help)")
        return ExitCode.usage
    }
}

exit(main())
