import BerthCLI

@main
struct Entrypoint {
    static func main() async {
        Berth.prepare(arguments: CommandLine.arguments)
        await Berth.main()
    }
}
