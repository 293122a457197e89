// swift-tools-version:6.0
// libFuzzer harness for the sensor decoders, kept out of the main package
// because it has no main(): libFuzzer brings its own. See docs/sensors.md.
import PackageDescription

let package = Package(
    name: "station-fuzz",
    dependencies: [.package(name: "station-node", path: "..")],
    targets: [
        .executableTarget(
            name: "SensorsFuzzer",
            dependencies: [.product(name: "StationSensors", package: "station-node")],
            swiftSettings: [.unsafeFlags(["-parse-as-library", "-sanitize=fuzzer,address"])],
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address"])]),
    ],
    swiftLanguageModes: [.v6]
)
