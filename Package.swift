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
        // The configuration schema and its validation.
        .target(name: "StationConfig", dependencies: ["TOML", "StationCore", "StationSystem"]),
        // The durable queue: the only importer of CSQLite.
        .target(name: "StationStore", dependencies: ["CSQLite", "StationCore", "StationSystem"]),
        // The uplink: the only importer of CMosquitto.
        .target(name: "StationMQTT", dependencies: ["CMosquitto", "StationCore", "StationSystem"]),
        // Sensors and GPIO inputs: the only importer of CGPIOD.
        .target(name: "StationSensors", dependencies: ["CGPIOD", "StationCore", "StationSystem"]),
        // Services wired together: lifecycle, reload, systemd.
        .target(
            name: "StationDaemon",
            dependencies: [
                "StationCore", "StationSystem", "StationConfig", "StationStore",
                "StationMQTT", "StationSensors",
            ]),
        .executableTarget(name: "stationd", dependencies: ["StationDaemon", "StationConfig", "StationSystem", "StationCore"]),
        .executableTarget(name: "stationctl", dependencies: ["StationDaemon", "StationConfig", "StationSystem", "StationCore"]),
        // Measurements behind the figures in docs/ (`station-bench MODE`).
        .executableTarget(
            name: "station-bench",
            dependencies: ["StationMQTT", "StationCore", "StationSystem", "StationTesting"]),
        // Fakes and simulators shared by tests and the simulated board.
        .target(name: "StationTesting", dependencies: ["StationCore", "StationSystem"]),

        .testTarget(name: "StationSystemTests", dependencies: ["StationSystem", "StationCore", "StationTesting"]),
        .testTarget(
            name: "StationMQTTTests",
            dependencies: ["StationMQTT", "StationCore", "StationSystem", "StationTesting"]),
        .testTarget(name: "StationConfigTests", dependencies: ["StationConfig", "StationTesting", "TOML"]),
        .testTarget(
            name: "StationDaemonTests",
            dependencies: ["StationDaemon", "StationConfig", "StationCore", "StationSystem", "StationTesting"]),
    ],
    swiftLanguageModes: [.v6]
)
