import FoundationEssentials

/// The control socket's protocol: one JSON object per line each way.
///
/// Request:  `{"v":1,"command":"status","arguments":{"n":"10"}}`
/// Response: `{"v":1,"ok":true,"data":{...}}` or
///           `{"v":1,"ok":false,"error":{"code":"...","message":"..."}}`.
/// Streaming commands send several `ok` lines with `"more":true`, then one
/// without. docs/control.md is the reader's copy of this schema.
public enum ControlProtocol {
    /// Bumped on an incompatible change; a daemon answers other versions with `unsupported_version`.
    public static let version = 1
    /// A request line longer than this is refused without reading further.
    public static let maxRequestBytes = 64 * 1024
}

public struct ControlRequest: Codable, Sendable, Equatable {
    public var v: Int
    public var command: String
    public var arguments: [String: String]

    public init(command: String, arguments: [String: String] = [:]) {
        v = ControlProtocol.version
        self.command = command
        self.arguments = arguments
    }
}

/// Why a request failed; `code` is stable, `message` is for people.
public struct ControlFailure: Codable, Sendable, Error, Equatable, CustomStringConvertible {
    public var code: String
    public var message: String

    public init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    public static func badRequest(_ message: String) -> ControlFailure { ControlFailure("bad_request", message) }
}

/// One response line.
public struct ControlResponse<Payload: Codable & Sendable>: Codable, Sendable {
    public var v: Int
    public var ok: Bool
    public var data: Payload?
    public var more: Bool?
    public var error: ControlFailure?

    public init(data: Payload, more: Bool = false) {
        v = ControlProtocol.version
        ok = true
        self.data = data
        self.more = more ? true : nil
    }

    public init(error: ControlFailure) {
        v = ControlProtocol.version
        ok = false
        self.error = error
    }
}

/// Encodes one value as a JSON line (sorted keys: stable output for tests and diffs).
public func encodeLine<T: Encodable>(_ value: T) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
    return Array(data) + [0x0A]
}

/// Decodes one JSON line.
public func decodeLine<T: Decodable>(_ type: T.Type, from line: [UInt8]) throws -> T {
    try JSONDecoder().decode(type, from: Data(line))
}
