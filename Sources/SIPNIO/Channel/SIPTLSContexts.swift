import NIOCore
import NIOSSL

/// The NIOSSL contexts a transport layer needs, built once from `SIPTLSConfiguration`
/// with errors that name the file and the problem.
struct SIPTLSContexts: Sendable {
    let client: NIOSSLContext
    /// Nil when no certificate was configured: then the layer cannot listen on TLS.
    let server: NIOSSLContext?

    init(_ settings: SIPTLSConfiguration) throws(SIPTransportError) {
        var client = TLSConfiguration.makeClientConfiguration()
        client.minimumTLSVersion = .tlsv12
        client.certificateVerification = !settings.verifyCertificates ? .none
            : settings.verifyHostname ? .fullVerification : .noHostnameVerification
        if let caFile = settings.caFile {
            let certificates = try Self.loadCertificates(caFile, what: "CA file")
            if settings.trustSystemRoots {
                client.trustRoots = .default
                client.additionalTrustRoots = [.certificates(certificates)]
            } else {
                client.trustRoots = .certificates(certificates)
            }
        } else if !settings.trustSystemRoots && settings.verifyCertificates {
            throw SIPTransportError(.tlsConfiguration, "no CA is trusted: give a CA file or trust the system's CAs")
        }
        do {
            self.client = try NIOSSLContext(configuration: client)
        } catch {
            throw SIPTransportError(.tlsConfiguration, "cannot set up TLS: \(error)")
        }

        switch (settings.certificateChainFile, settings.privateKeyFile) {
        case (nil, nil):
            server = nil
        case let (chainFile?, keyFile?):
            let chain = try Self.loadCertificates(chainFile, what: "certificate file")
            let key: NIOSSLPrivateKey
            do {
                key = try NIOSSLPrivateKey(file: keyFile, format: .pem)
            } catch {
                throw SIPTransportError(.tlsConfiguration, "cannot read the private key file \(keyFile): \(Self.describeFileError(error, keyFile))")
            }
            var configuration = TLSConfiguration.makeServerConfiguration(
                certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
            configuration.minimumTLSVersion = .tlsv12
            do {
                server = try NIOSSLContext(configuration: configuration)
            } catch {
                throw SIPTransportError(.tlsConfiguration, "cannot serve TLS with \(chainFile) and \(keyFile): \(error) (does the key belong to the certificate?)")
            }
        default:
            throw SIPTransportError(.tlsConfiguration, "to listen on TLS give both a certificate chain file and its private key file")
        }
    }

    static func loadCertificates(_ path: String, what: String) throws(SIPTransportError) -> [NIOSSLCertificate] {
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(path)
        } catch {
            throw SIPTransportError(.tlsConfiguration, "cannot read the \(what) \(path): \(describeFileError(error, path))")
        }
        guard !certificates.isEmpty else {
            throw SIPTransportError(.tlsConfiguration, "the \(what) \(path) holds no PEM certificate")
        }
        return certificates
    }

    static func describeFileError(_ error: any Error, _ path: String) -> String {
        if let ioError = error as? IOError { return ioError.description }
        if let sslError = error as? NIOSSLError {
            switch sslError {
            case .noSuchFilesystemObject: return "no such file"
            case .failedToLoadCertificate: return "it is not a PEM certificate file"
            case .failedToLoadPrivateKey: return "it is not a PEM private key"
            default: break
            }
        }
        return "\(error)"
    }
}

/// NIOSSL's errors in plain words, naming the certificate problem.
enum SIPTLSErrorText {
    static func describe(_ error: any Error, serverName: String?) -> String {
        let name = serverName.map { "'\($0)'" } ?? "the server's address"
        if let extra = error as? NIOSSLExtraError, extra == .failedToValidateHostname {
            return "the server's certificate is not valid for \(name): no subject alternative name matches (\(extra))"
        }
        if let sslError = error as? NIOSSLError {
            switch sslError {
            case let .handshakeFailed(boring):
                return describe(boring)
            case .uncleanShutdown:
                return "the peer closed the connection in the middle of the TLS handshake"
            case .noCertificateToValidate:
                return "the server sent no certificate"
            case .unableToValidateCertificate:
                return "the server's certificate could not be checked"
            default:
                return "TLS error: \(sslError)"
            }
        }
        if let boring = error as? BoringSSLError { return describe(boring) }
        if let unwrapped = error as? NIOSSLCloseTimedOutError { return "closing TLS timed out (\(unwrapped))" }
        return "\(error)"
    }

    static func describe(_ error: BoringSSLError) -> String {
        let stack: [BoringSSLInternalError]
        switch error {
        case let .sslError(errors), let .unknownError(errors): stack = errors
        case .zeroReturn, .syscallError: return "the peer closed the connection during the TLS handshake"
        default: return "TLS handshake failed (\(error))"
        }
        // "Error: 268435581 error:1000007d:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED at <file>:<line>":
        // keep the reason, drop BoringSSL's source location.
        let raw = stack.map { entry in
            let text = entry.description
            return text.range(of: " at ").map { String(text[..<$0.lowerBound]) } ?? text
        }.joined(separator: "; ")
        let upper = raw.uppercased()
        let words: String
        if upper.contains("CERTIFICATE_VERIFY_FAILED") {
            words = "the server's certificate is not trusted: it was not issued by a CA this client trusts "
                + "(give the issuing CA with --ca-file), or it has expired or is not yet valid"
        } else if upper.contains("TLSV1_ALERT_UNKNOWN_CA") || upper.contains("SSLV3_ALERT_BAD_CERTIFICATE") {
            words = "the peer refused our certificate: it does not trust the CA that issued it"
        } else if upper.contains("WRONG_VERSION_NUMBER") || upper.contains("HTTP_REQUEST") {
            words = "the peer does not speak TLS on this port"
        } else if upper.contains("NO_SHARED_CIPHER") || upper.contains("HANDSHAKE_FAILURE") || upper.contains("UNSUPPORTED_PROTOCOL") {
            words = "no TLS version or cipher in common with the peer"
        } else {
            words = "TLS handshake failed"
        }
        return "\(words) [\(raw)]"
    }
}
