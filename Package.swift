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
        // Linked by the targets that use them (see `systemLibrary`).
        .systemLibrary(name: "CGit2", providers: [.apt(["libgit2-dev"])]),
        .systemLibrary(name: "CYAML", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "Resources"),
        .target(name: "Manifests", dependencies: ["Resources", "CYAML"], linkerSettings: systemLibrary("yaml", archives: ["yaml"])),
        .target(
            name: "GitSource", dependencies: ["CGit2"],
            linkerSettings: systemLibrary(
                "git2", archives: ["git2", "mbedtls", "mbedx509", "mbedcrypto", "http_parser", "ssh2", "crypto", "pcre2-8", "z"],
                shared: ["gssapi_krb5.so.2"])),
        .target(name: "Store", dependencies: ["Resources", "CSQLite"], linkerSettings: systemLibrary("sqlite3", archives: ["sqlite3"])),
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
        .testTarget(name: "GitSourceTests", dependencies: ["GitSource"]),
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

/// Links a C library: shared in debug builds; in release builds from its static archive, with the
/// archives it needs (all come with its -dev package), so a run does not load and bind a dozen
/// shared libraries before it starts. `shared` names what Debian ships shared only.
func systemLibrary(_ name: String, archives: [String], shared: [String] = []) -> [LinkerSetting] {
    let release = archives.map { "-l:lib\($0).a" } + shared.map { "-l:lib\($0)" }
    return [
        .linkedLibrary(name, .when(configuration: .debug)),
        .unsafeFlags(release.flatMap { ["-Xlinker", $0] }, .when(configuration: .release)),
    ]
}
