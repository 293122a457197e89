/// A realistic station config to mutate.
enum FuzzCorpus {
    static let stationConfig = #"""
        # Station node configuration
        [station]
        id = "st-0042"
        name = "Hauptbahnhof Süd"
        timezone = "Europe/Berlin"
        location = { lat = 48.1374, lon = 11.5755, alt_m = 519.0 }
        commissioned = 2026-03-14T09:30:00+01:00

        [mqtt]
        host = "mqtt.city.example"
        port = 8883
        client_id = "station-0042"
        keepalive_s = 30
        qos = 1
        topic_prefix = 'city/mobility/stations/0042'
        tls.ca_file = "/etc/station/ca.pem"
        tls.verify = true
        backoff = { initial_ms = 500, max_ms = 30_000, factor = 2.0 }

        [store]
        path = "/var/lib/station/queue.db"
        budget_mb = 512
        fsync = "group"    # "always" | "group" | "off"
        group_commit_ms = 200

        [display]
        driver = "ssd1306"
        i2c_bus = 1
        address = 0x3C
        refresh_s = 5
        lines = ["Free bays: {bays}", "PM2.5: {pm25} µg/m³", """
        Online: {online}"""]

        [control]
        socket = "/run/station/control.sock"
        mode = 0o660

        [[sensor]]
        name = "pm-west"
        model = "sds011"
        port = "/dev/ttyUSB0"
        baud = 9_600
        interval_s = 10
        calibration = { offset = -0.5, scale = 1.02 }
        enabled = true

        [[sensor]]
        name = "co2-kiosk"
        model = "mhz19b"
        port = "/dev/ttyAMA0"
        interval_s = 30
        range_ppm = 5000
        abc = false
        warmup = 00:03:00

        [[sensor]]
        name = "bays-north"
        model = "gpio"
        chip = "gpiochip0"
        lines = [17, 27, 22, 5, 6, 13, 19, 26]
        debounce_ms = 50
        active_low = true
        """#
}
