import ArgumentParser
import FoundationEssentials
import Resources

/// `--state`, shared by every command that reads or writes the store.
struct StateOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The state folder (default: $BERTH_STATE, else .berth).", valueName: "dir"))
    var state: String?

    /// The folder in force: the flag, then `$BERTH_STATE`, then `.berth` in the current folder.
    var directory: String { Self.directory(flag: state) }

    static func directory(flag: String?) -> String {
        if let flag { return flag }
        if let env = ProcessInfo.processInfo.environment["BERTH_STATE"], !env.isEmpty { return env }
        return ".berth"
    }
}

/// Output formats of `-o`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, yaml, wide
}

/// A duration on the command line as kubectl writes it: `90s`, `5m`, `1h`.
struct DurationArgument: ExpressibleByArgument, CustomStringConvertible {
    var seconds: Double

    init(seconds: Double) { self.seconds = seconds }

    init?(argument: String) {
        guard let seconds = DurationText.parse(argument), seconds >= 0 else { return nil }
        self.seconds = seconds
    }

    var description: String { DurationText.format(seconds) }
    var defaultValueDescription: String { description }
}
