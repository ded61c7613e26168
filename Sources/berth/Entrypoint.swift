import BerthCLI

@main
struct Entrypoint {
    static func main() async {
        await Berth.main()
    }
}
