// swift-tools-version:6.0
// The station node: firmware of an edge appliance at city mobility stations.
// No package dependencies by design: C libraries come from the distribution
// through system library targets, each imported by exactly one module.
import PackageDescription

let package = Package(
    name: "station-node",
    products: [
        .executable(name: "stationd", targets: ["stationd"]),
        .executable(name: "stationctl", targets: ["stationctl"]),
        // For the libFuzzer harness in Fuzz/ (a separate package: it has no main()).
        .library(name: "StationSensors", targets: ["StationSensors"]),
        .executable(name: "station-bench", targets: ["station-bench"]),
    ],
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
        .target(name: "StationSystem", dependencies: ["StationCore"]),
        // TOML 1.0 decoder with source positions.
        .target(name: "TOML"),
        .executableTarget(name: "toml-test-decoder", dependencies: ["TOML"]),
        .testTarget(name: "TOMLTests", dependencies: ["TOML"]),
        // The configuration schema and its validation.
        .target(name: "StationConfig", dependencies: ["TOML", "StationCore", "StationSystem"]),
        // The durable queue: the only importer of CSQLite.
        .target(name: "StationStore", dependencies: ["CSQLite", "StationCore", "StationSystem"]),
        // The uplink: the only importer of CMosquitto.
        .target(name: "StationMQTT", dependencies: ["CMosquitto", "StationCore", "StationSystem"]),
        // Sensors and GPIO inputs: the only importer of CGPIOD.
        .target(name: "StationSensors", dependencies: ["CGPIOD", "StationCore", "StationSystem"]),
        // What the local display shows, how it is drawn, and its panels.
        .target(name: "StationDisplay", dependencies: ["StationCore", "StationSystem"]),
        // Services wired together: lifecycle, reload, systemd.
        .target(
            name: "StationDaemon",
            dependencies: [
                "StationCore", "StationSystem", "StationConfig", "StationStore",
                "StationMQTT", "StationSensors", "StationDisplay",
                // The simulated board's emulators.
                "StationTesting",
            ]),
        .executableTarget(name: "stationd", dependencies: ["StationDaemon", "StationConfig", "StationSystem", "StationCore", "StationStore"]),
        .executableTarget(
            name: "stationctl",
            dependencies: ["StationDaemon", "StationConfig", "StationSystem", "StationCore", "StationSensors", "StationMQTT", "StationDisplay"]),
        // Benchmarks and the store crash test's child: `station-bench <mode>`.
        .executableTarget(
            name: "station-bench",
            dependencies: ["StationStore", "StationMQTT", "StationDaemon", "StationCore", "StationSystem", "StationTesting", "TOML"]),
        // Fakes and simulators shared by tests and the simulated board.
        .target(name: "StationTesting", dependencies: ["StationCore", "StationSystem", "StationSensors", "StationStore"]),

        .testTarget(name: "StationSystemTests", dependencies: ["StationSystem", "StationCore", "StationTesting"]),
        .testTarget(name: "StationSensorsTests", dependencies: ["StationSensors", "StationSystem", "StationTesting"]),
        .testTarget(
            name: "StationMQTTTests",
            dependencies: ["StationMQTT", "StationCore", "StationSystem", "StationTesting"]),
        .testTarget(name: "StationConfigTests", dependencies: ["StationConfig", "StationTesting", "TOML"]),
        .testTarget(name: "StationDisplayTests", dependencies: ["StationDisplay", "StationSystem", "StationTesting"], exclude: ["Goldens"]),
        .testTarget(name: "StationStoreTests", dependencies: ["StationStore", "StationCore", "StationSystem", "StationTesting"]),
        .testTarget(
            name: "StationctlTests", dependencies: ["StationSystem", "StationTesting", "StationDaemon"],
            exclude: ["Goldens"]),
        .testTarget(
            name: "StationDaemonTests",
            dependencies: ["StationDaemon", "StationConfig", "StationCore", "StationSystem", "StationStore", "StationTesting", "StationDisplay", "StationSensors"]),
    ],
    swiftLanguageModes: [.v6]
)
