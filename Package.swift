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
        .systemLibrary(name: "CGit2", pkgConfig: "libgit2", providers: [.apt(["libgit2-dev"])]),
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "Resources"),
        .target(name: "Manifests", dependencies: ["Resources", "CYAML"]),
        .target(name: "GitSource", dependencies: ["CGit2"]),
        .target(name: "Store", dependencies: ["Resources", "CSQLite"]),
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
