import BerthCLI

@main
struct Entrypoint {
    static func main() {
        Berth.prepare(arguments: CommandLine.arguments)
        Berth.main()
    }
}
