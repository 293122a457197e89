import StationSystem

/// Where the board definitions (`board/NAME/station.toml`) are found.
public enum BoardDirectory {
    /// The first of: `explicit` (`--board-dir`), `$STATIOND_BOARD_DIR`,
    /// `share/stationd/board` beside the installed binary's `bin/`, or a
    /// `board/` folder in a parent of the binary (a development tree, where the
    /// binary lives under `.build/`).
    public static func locate(explicit: String? = nil) -> String? {
        if let explicit { return explicit }
        if let fromEnvironment = Environment.get("STATIOND_BOARD_DIR"), !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        guard let executable = FileSystem.executablePath else { return nil }
        var directory = FileSystem.directoryName(executable)
        let installed = FileSystem.directoryName(directory) + "/share/stationd/board"
        if FileSystem.isDirectory(installed) { return installed }
        while directory != "/" && !directory.isEmpty {
            let candidate = directory + "/board"
            if FileSystem.exists(candidate + "/sim/station.toml") { return candidate }
            directory = FileSystem.directoryName(directory)
        }
        return nil
    }
}
