import FoundationEssentials
import Glibc

/// Where output goes and whether it may be coloured: only on a terminal, never with `NO_COLOR` set.
struct Terminal {
    var colors: Bool

    static func standardOutput() -> Terminal {
        let env = ProcessInfo.processInfo.environment
        let colors = isatty(STDOUT_FILENO) == 1 && env["NO_COLOR"] == nil && env["TERM"] != "dumb"
        return Terminal(colors: colors)
    }

    private func paint(_ code: String, _ text: String) -> String {
        colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    func green(_ text: String) -> String { paint("32", text) }
    func red(_ text: String) -> String { paint("31", text) }
    func yellow(_ text: String) -> String { paint("33", text) }
    func bold(_ text: String) -> String { paint("1", text) }
    func dim(_ text: String) -> String { paint("2", text) }

    /// Writes a line to standard error (diagnostics never go to standard output, which programs read).
    static func printError(_ line: String) {
        var text = line + "\n"
        text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    }
}
