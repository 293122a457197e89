// swift-tools-version:6.0
// The station node: firmware of an edge appliance at city mobility stations.
// No package dependencies by design: C libraries come from the distribution
// through system library targets, each imported by exactly one module.
import PackageDescription

let package = Package(
    name: "station-node",
    targets: [
        // C libraries (modulemap + shim.h only).
        .systemLibrary(
            name: "CGPIOD", pkgConfig: "libgpiod",
            providers: [.apt(["libgpiod-dev"])]),
        .systemLibrary(
            name: "CMosquitto", pkgConfig: "libmosquitto",
            providers: [.apt(["libmosquitto-dev"])]),
        .systemLibrary(
            name: "CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),

        // Readings, ids, errors, time trust: depends on nothing.
        .target(name: "StationCore"),
        // The only home of raw system calls.
        // (StationSystem lands with the foundation.)
        // TOML 1.0 decoder with source positions.
        .target(name: "TOML"),
        // In-process benchmarks, one file per mode: `station-bench toml`.
        .executableTarget(name: "station-bench", dependencies: ["TOML"]),
        .executableTarget(name: "toml-test-decoder", dependencies: ["TOML"]),
        .testTarget(name: "TOMLTests", dependencies: ["TOML"]),
    ],
    swiftLanguageModes: [.v6]
)
