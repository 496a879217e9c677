import Foundation

/// Certificates made with openssl for one test, in a directory removed afterwards: two CAs
/// ("ca" signs everything; "other-ca" signs nothing, to be trusted by a client that must
/// refuse the server), a server certificate for localhost, 127.0.0.1 and ::1, and one for
/// the name localhost only (no IP address).
public struct TestPKI: Sendable {
    public let directory: TemporaryDirectory
    public var caCertificate: String { directory.path("ca.crt") }
    public var caKey: String { directory.path("ca.key") }
    public var otherCACertificate: String { directory.path("other-ca.crt") }
    public var serverCertificate: String { directory.path("server.crt") }
    public var serverKey: String { directory.path("server.key") }
    /// A certificate for the name localhost only (no IP address), with `serverKey`.
    public var namedServerCertificate: String { directory.path("named.crt") }

    public static func make() throws -> TestPKI {
        guard let openssl = executable("openssl") else {
            throw TestSupportError("openssl is needed to make the test certificates")
        }
        let directory = try TemporaryDirectory(prefix: "dialtone-pki")
        let pki = TestPKI(directory: directory)
        func openSSL(_ arguments: [String]) throws {
            let (status, output) = try run(openssl, arguments)
            guard status == 0 else {
                directory.remove()
                throw TestSupportError("openssl \(arguments.first ?? "") failed: \(output)")
            }
        }
        for name in ["ca", "other-ca"] {
            try openSSL(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                         "-keyout", directory.path("\(name).key"), "-out", directory.path("\(name).crt"), "-days", "2",
                         "-subj", "/CN=Dialtone test \(name)",
                         "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
        }
        try openSSL(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                     "-keyout", pki.serverKey, "-out", directory.path("server.csr"), "-subj", "/CN=localhost"])
        try directory.write("subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n",
                            to: "server.ext")
        try openSSL(["x509", "-req", "-in", directory.path("server.csr"), "-CA", pki.caCertificate,
                     "-CAkey", pki.caKey, "-CAcreateserial", "-out", pki.serverCertificate,
                     "-days", "2", "-extfile", directory.path("server.ext")])
        try directory.write("subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n", to: "named.ext")
        try openSSL(["x509", "-req", "-in", directory.path("server.csr"), "-CA", pki.caCertificate,
                     "-CAkey", pki.caKey, "-CAcreateserial", "-out", pki.namedServerCertificate,
                     "-days", "2", "-extfile", directory.path("named.ext")])
        return pki
    }

    public func remove() { directory.remove() }
}
