/// A deterministic, realistic station config: the fixed sections a real
/// station has, then `[[sensor]]` entries until the line count is reached.
enum StationConfigGenerator {
    static let models = [
        ("sds011", "/dev/ttyUSB", 9600), ("pms5003", "/dev/ttyAMA", 9600), ("sps30", "/dev/ttyUSB", 115_200),
        ("mhz19b", "/dev/ttyAMA", 9600), ("senseair-s8", "/dev/ttyUSB", 9600), ("scd30", "/dev/ttyS", 19_200),
    ]

    static func config(minimumLines: Int) -> String {
        var out = #"""
            # Station node configuration, generated for the benchmark.
            # Every section below mirrors what a deployed station carries.

            [station]
            id = "st-0042"
            name = "Hauptbahnhof Süd"   # shown on the display
            timezone = "Europe/Berlin"
            location = { lat = 48.1374, lon = 11.5755, alt_m = 519.0 }
            commissioned = 2026-03-14T09:30:00+01:00
            tags = ["bike-share", "cargo-bikes", "car-sharing", "tram"]

            [mqtt]
            host = "mqtt.city.example"
            port = 8883
            client_id = "station-0042"
            keepalive_s = 30
            qos = 1
            topic_prefix = 'city/mobility/stations/0042'
            tls.ca_file = "/etc/station/ca.pem"
            tls.cert_file = "/etc/station/client.pem"
            tls.key_file = "/etc/station/client.key"
            tls.verify = true
            backoff = { initial_ms = 500, max_ms = 30_000, factor = 2.0, jitter = 0.1 }

            [store]
            path = "/var/lib/station/queue.db"
            budget_mb = 512
            fsync = "group"        # "always" | "group" | "off"
            group_commit_ms = 200
            checkpoint_pages = 1_000

            [display]
            driver = "ssd1306"
            i2c_bus = 1
            address = 0x3C
            refresh_s = 5
            brightness = 0.8
            lines = [
              "Free bays: {bays_free}/{bays_total}",
              "PM2.5: {pm25} µg/m³",
              "Online: {online}",
            ]
            message = """
            Welcome to the mobility station.
            Help: call the number on the kiosk."""

            [control]
            socket = "/run/station/control.sock"
            mode = 0o660
            group = "station"


            """#
        var lines = out.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
        var n = 0
        while lines < minimumLines {
            n += 1
            let sensor: String
            if n % 4 == 0 {
                sensor = """
                    # Bay occupancy, rack \(n / 4)
                    [[sensor]]
                    name = "bays-\(n)"
                    model = "gpio"
                    chip = "gpiochip0"
                    lines = [\(n % 28), \((n + 1) % 28), \((n + 2) % 28), \((n + 3) % 28)]
                    debounce_ms = 50
                    active_low = true
                    interval_s = 1
                    labels = { bay_a = "A\(n)", bay_b = "B\(n)", kind = 'bike' }


                    """
            } else {
                let (model, port, baud) = models[n % models.count]
                sensor = """
                    # Air quality sensor \(n): \(model)
                    [[sensor]]
                    name = "aq-\(n)"
                    model = "\(model)"
                    port = "\(port)\(n % 4)"
                    baud = \(baud)
                    interval_s = \(10 + n % 50)
                    warmup = 00:00:\(String(10 + n % 49))
                    calibration = { offset = \(Double(n % 7) * -0.25), scale = 1.0\(n % 10), zero_ppm = 4_00 }
                    enabled = \(n % 9 != 0)


                    """
            }
            out += sensor
            lines += sensor.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
        }
        return out
    }
}
