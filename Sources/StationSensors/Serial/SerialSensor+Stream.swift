extension SerialSensor {
    /// A driver whose events arrive as an `AsyncStream`, for a consumer that
    /// prefers `for await` to a callback. The default buffer is unbounded
    /// because a dropped event would be a lost reading; a sensor makes a few
    /// per interval, so only a stalled consumer makes it grow.
    public static func streaming(
        name: String, options: SerialSensorOptions,
        buffering: AsyncStream<SensorEvent>.Continuation.BufferingPolicy = .unbounded
    ) -> (sensor: SerialSensor, events: AsyncStream<SensorEvent>) {
        let (stream, continuation) = AsyncStream.makeStream(of: SensorEvent.self, bufferingPolicy: buffering)
        let sensor = SerialSensor(name: name, options: options) { continuation.yield($0) }
        return (sensor, stream)
    }
}
