import StationDisplay

/// The states the goldens show (docs/display.md embeds them).
enum Samples {
    static let allFree = DisplayContent(
        language: .en, station: "Hauptbahnhof Nord",
        groups: [.init(name: "rack-north", free: 4, total: 4), .init(name: "carshare", free: 2, total: 2)],
        air: .init(pm2_5: 4.2, pm10: 9.8, co2: 540), uplink: .online, time: "08:15")

    static let nearlyFullPoorAir = DisplayContent(
        language: .en, station: "Hauptbahnhof Nord",
        groups: [.init(name: "rack-north", free: 1, total: 12), .init(name: "cargo", free: 0, total: 3), .init(name: "carshare", free: 1, total: 4)],
        air: .init(pm2_5: 38.6, pm10: 61.0, co2: 1250), uplink: .online, time: "17:42")

    static let offlineBacklog = DisplayContent(
        language: .de, station: "Mobilitätsstation Süd",
        groups: [.init(name: "Fahrräder", free: 7, total: 10)],
        air: .init(pm2_5: 12.4, pm10: 18.0), uplink: .offline(seconds: 2 * 3600 + 5 * 60, queued: 1234), time: nil)

    static let sensorFault = DisplayContent(
        language: .de, station: "Mobilitätsstation Süd",
        groups: [.init(name: "Fahrräder", free: 3, total: 10), .init(name: "Lastenräder", free: 1, total: 2)],
        air: .init(co2: 2300), uplink: .online, time: "06:05", faults: ["pm-entrance", "co2-office"])

    static let all: [(name: String, content: DisplayContent)] = [
        ("all-free", allFree), ("nearly-full-poor-air", nearlyFullPoorAir),
        ("offline-backlog", offlineBacklog), ("sensor-fault", sensorFault),
    ]
}
