import StationSystem
import StationTesting
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("TCP helpers")
struct TCPSocketTests {
    @Test("a free loopback port refuses connections; a broker's port accepts them")
    func probe() throws {
        let port = try TCPSocket.freeLoopbackPort()
        #expect(port > 0 && port < 65536)
        #expect(throws: SystemError(call: "connect", errno: ECONNREFUSED, subject: "127.0.0.1:\(port)")) {
            try TCPSocket.probe(host: "127.0.0.1", port: port, timeout: 1)
        }
        let broker = try MosquittoBroker(port: port, persistence: false)
        defer { broker.shutdown() }
        try TCPSocket.probe(host: "localhost", port: port, timeout: 1)
    }

    @Test("an unresolvable name fails with the resolver's words")
    func unresolvable() {
        do {
            try TCPSocket.probe(host: "no-such-host.invalid", port: 1883, timeout: 1)
            Issue.record("resolved an .invalid name")
        } catch {
            #expect(error.call == "getaddrinfo")
        }
    }

    @Test("loopback names")
    func loopback() {
        #expect(TCPSocket.isLoopback("localhost") && TCPSocket.isLoopback("127.0.0.1") && TCPSocket.isLoopback("::1"))
        #expect(!TCPSocket.isLoopback("broker.example.org") && !TCPSocket.isLoopback("10.0.0.1"))
    }
}
