extension GPIOInputs {
    /// Inputs whose events arrive as an `AsyncStream` (unbounded by default,
    /// for the same reason as `SerialSensor.streaming`).
    public static func streaming(
        inputs: [GPIOInputOptions], backend: any GPIOBackend, snapshotInterval: Duration = .seconds(60),
        buffering: AsyncStream<GPIOEvent>.Continuation.BufferingPolicy = .unbounded
    ) -> (inputs: GPIOInputs, events: AsyncStream<GPIOEvent>) {
        let (stream, continuation) = AsyncStream.makeStream(of: GPIOEvent.self, bufferingPolicy: buffering)
        let inputs = GPIOInputs(inputs: inputs, backend: backend, snapshotInterval: snapshotInterval) { continuation.yield($0) }
        return (inputs, stream)
    }
}
