// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "berth",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "berth", targets: ["berth"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // Linked by the targets that use them (see `staticLibraries`).
        .systemLibrary(name: "CGit2", providers: [.apt(["libgit2-dev"])]),
        .systemLibrary(name: "CYAML", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "Resources"),
        .target(name: "Manifests", dependencies: ["Resources", "CYAML"], linkerSettings: staticLibraries(["yaml"])),
        .target(name: "GitTLS"),
        .target(
            name: "GitSource", dependencies: ["CGit2", "GitTLS"],
            linkerSettings: staticLibraries(
                ["git2", "mbedtls", "mbedx509", "mbedcrypto", "http_parser", "ssh2", "crypto", "pcre2-8", "z"],
                shared: ["gssapi_krb5.so.2"]) + deferredTLSSetUp),
        .target(name: "Store", dependencies: ["Resources", "CSQLite"], linkerSettings: staticLibraries(["sqlite3"])),
        .target(name: "Reconciler", dependencies: ["Resources", "Manifests", "GitSource", "Store"]),
        .target(name: "Scheduler", dependencies: ["Resources"]),
        .target(name: "Nodes", dependencies: ["Resources"]),
        .target(name: "Controllers", dependencies: ["Resources", "Store"]),
        .target(name: "ControlPlane", dependencies: ["Controllers", "Scheduler", "Nodes", "Store", "Resources"]),
        .target(name: "HTTPServer"),
        .target(
            name: "Serve",
            dependencies: [
                "ControlPlane", "Controllers", "Reconciler", "GitSource", "Store", "Resources", "HTTPServer",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "BerthCLI",
            dependencies: [
                "Reconciler", "Resources", "Manifests", "GitSource", "Store", "ControlPlane", "Controllers", "Serve", "HTTPServer",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "berth", dependencies: ["BerthCLI"]),
        .executableTarget(name: "berth-bench", dependencies: ["Manifests", "Resources", "Reconciler", "Scheduler"]),
        .target(name: "BerthTestSupport", path: "Tests/BerthTestSupport"),
        .testTarget(name: "ResourcesTests", dependencies: ["Resources"]),
        .testTarget(name: "ManifestsTests", dependencies: ["Manifests", "Resources"]),
        .testTarget(name: "GitSourceTests", dependencies: ["GitSource", "GitTLS"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Resources"]),
        .testTarget(name: "SchedulerTests", dependencies: ["Scheduler", "Resources"]),
        .testTarget(name: "NodesTests", dependencies: ["Nodes", "Resources"]),
        .testTarget(
            name: "ControlPlaneTests",
            dependencies: ["ControlPlane", "Controllers", "Scheduler", "Nodes", "Store", "Resources", "BerthTestSupport"]
        ),
        .testTarget(name: "ControllersTests", dependencies: ["Controllers", "Resources", "Store", "BerthTestSupport"]),
        .testTarget(
            name: "ReconcilerTests",
            dependencies: ["Reconciler", "Manifests", "GitSource", "Store", "Resources", "BerthTestSupport"]
        ),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer"]),
        .testTarget(name: "BerthEndToEndTests", dependencies: ["Resources", "Manifests", "BerthTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

/// Links C libraries from their static archives (all come with the -dev packages), so a run does not
/// load and bind a dozen shared libraries before it starts. `shared` names what Debian ships shared
/// only.
func staticLibraries(_ archives: [String], shared: [String] = []) -> [LinkerSetting] {
    linkerFlags(archives.map { "-l:lib\($0).a" } + shared.map { "-l:lib\($0)" })
}

/// libgit2's TLS set-up (seeding a generator, parsing the system's CA bundle) runs at the first TLS
/// connection instead of in every process's git_libgit2_init: see Sources/GitTLS/deferred_tls.c.
var deferredTLSSetUp: [LinkerSetting] {
    let wrapped = ["git_mbedtls_stream_global_init", "git_mbedtls_stream_new", "git_mbedtls_stream_wrap", "git_mbedtls__set_cert_location"]
    return linkerFlags(wrapped.map { "--wrap=\($0)" })
}

func linkerFlags(_ flags: [String]) -> [LinkerSetting] {
    [.unsafeFlags(flags.flatMap { ["-Xlinker", $0] })]
}
