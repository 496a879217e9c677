// swift-tools-version:6.0
// Dialtone: a terminal SIP softphone, and SIPStack, the SIP stack under it.
// Layers (arrows point down only): dialtone → CursesTerminal/TerminalUI/Media/SIPNIO
// → SIPUserAgent → SIPTransaction → SIPCore. See README.md, "Architecture".
import PackageDescription

let package = Package(
    name: "Dialtone",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "SIPStack", targets: ["SIPCore", "SIPTransaction", "SIPUserAgent", "SIPNIO"]),
        .executable(name: "dialtone", targets: ["dialtone"]),
        .executable(name: "sip-bench", targets: ["sip-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        // SIPNIO only: the event loop, sockets and TLS.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        // config.toml and Themes/*.toml.
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
    ],
    targets: [
        // Pure: messages, URIs, headers, parser, serializer, digest math, status catalog.
        .target(name: "SIPCore", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // Sans-IO RFC 3261 §17 transactions (issue 3).
        .target(name: "SIPTransaction", dependencies: ["SIPCore"]),
        // Sans-IO registrations, calls, dialogs, redirects, digest policy (issue 4).
        .target(name: "SIPUserAgent", dependencies: ["SIPTransaction"]),
        // The system resolver (res_nquery), for RFC 3263 NAPTR and SRV look-ups from SIPNIO.
        .target(name: "CSIPResolv", linkerSettings: [.linkedLibrary("resolv", .when(platforms: [.linux]))]),
        // The stack on SwiftNIO (issue 3): the only module that imports NIO.
        .target(
            name: "SIPNIO",
            dependencies: [
                "SIPCore",
                "SIPTransaction",
                "SIPUserAgent",
                "CSIPResolv",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // C libraries for media, from Debian's -dev packages (Makefile DEPS_RUN).
        .systemLibrary(name: "COpus", providers: [.apt(["libopus-dev"])]),
        .systemLibrary(name: "CSpanDSP", providers: [.apt(["libspandsp-dev"])]),
        .systemLibrary(name: "CSpeexDSP", providers: [.apt(["libspeexdsp-dev"])]),
        .systemLibrary(name: "CSRTP", providers: [.apt(["libsrtp2-dev"])]),
        .systemLibrary(name: "CSndFile", providers: [.apt(["libsndfile1-dev"])]),
        .systemLibrary(name: "CALSA", providers: [.apt(["libasound2-dev"])]),
        // Sans-IO media: SDP offer/answer, RTP/RTCP sessions, jitter buffer, RFC 4733
        // events, codecs (G.711 tables; Opus, G.722, speexdsp and SRTP through C libraries).
        .target(name: "Media", dependencies: ["COpus", "CSpanDSP", "CSpeexDSP", "CSRTP"]),
        // Runs media: RTP/RTCP sockets on NIO, the real-time audio thread, devices
        // (ALSA, WAV files through libsndfile, a tone, null).
        .target(name: "MediaNIO", dependencies: [
            "Media", "CSndFile", "CALSA",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        // App state, update/render into a cell buffer, themes (issue 5). Pure.
        .target(name: "TerminalUI", dependencies: ["SIPUserAgent", "SIPCore", .product(name: "TOMLKit", package: "TOMLKit")]),
        // ncurses, wide-character build, with shims for the macros Swift cannot import.
        .systemLibrary(name: "CNCurses", providers: [.apt(["libncursesw5-dev"])]),
        // The only code that calls ncurses (issue 5).
        .target(name: "CursesTerminal", dependencies: ["CNCurses", "TerminalUI"]),
        // config.toml (accounts, theme, keys, redirect policy) and the opt-in 0600 credential store.
        .target(name: "DialtoneConfig", dependencies: ["SIPUserAgent", "SIPCore", .product(name: "TOMLKit", package: "TOMLKit")]),
        // The built-in demo peer `make run` dials: answers, redirects, challenges, is busy.
        .target(name: "DialtoneDemo", dependencies: [
            "SIPNIO", "SIPCore",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        .executableTarget(
            name: "dialtone",
            dependencies: [
                "SIPCore",
                "DialtoneConfig",
                "DialtoneDemo",
                "SIPTransaction",
                "SIPUserAgent",
                "SIPNIO",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                "TerminalUI",
                "CursesTerminal",
                "Media",
                "MediaNIO",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "sip-bench",
            dependencies: [
                "SIPCore",
                "SIPTransaction",
                // udp-sipp: the endpoint over UDP against sipp.
                "SIPNIO",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // The screen with 100,000 log entries: frame render time and memory per entry.
        .executableTarget(name: "tui-bench", dependencies: ["TerminalUI", "SIPUserAgent", "SIPCore"]),
        // Parser fuzzing: the checks every fuzzed input must pass, shared by the mutator test
        // and the libFuzzer target; fuzz/run.sh (`make fuzz`) builds sip-fuzz with libFuzzer,
        // an ordinary build makes it a replayer of saved inputs.
        .target(name: "SIPFuzzSupport", dependencies: ["SIPCore"], path: "fuzz/Support"),
        .executableTarget(name: "sip-fuzz", dependencies: ["SIPFuzzSupport"], path: "fuzz",
                          exclude: ["Support", "README.md", "run.sh", "sip.dict", "out"], sources: ["SIPParserFuzzer.swift"]),
        .testTarget(name: "SIPCoreTests", dependencies: ["SIPCore", "SIPFuzzSupport"], exclude: ["Fixtures"]),
        // The four §17 machines and the transaction layer, on a fake clock; reads the
        // SIPCoreTests fixtures in place.
        .testTarget(name: "SIPTransactionTests", dependencies: ["SIPTransaction"]),
        // The user agent on a fake clock: calls, dialogs, redirects, digest policy, registration.
        .testTarget(name: "SIPUserAgentTests", dependencies: ["SIPUserAgent", "SIPTransaction", "SIPCore"]),
        // SIPNIO without sockets: pure routing functions, DNS parsing, handlers on EmbeddedChannel.
        .testTarget(
            name: "SIPNIOTests",
            dependencies: [
                "SIPNIO",
                "SIPCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        // What the integration tests share: free ports, sipp, kamailio and dialtone run as
        // child processes (always stopped), sipp message traces, openssl-made certificates.
        .target(
            name: "SIPTestSupport",
            path: "Tests/Support"
        ),
        // SIPNIO over real loopback sockets, with openssl and sipp as peers.
        .testTarget(
            name: "SIPNIOIntegrationTests",
            dependencies: [
                "SIPTestSupport",
                "SIPNIO",
                "SIPCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            exclude: ["Scenarios"]
        ),
        // The whole stack (transactions over SIPNIO on one loop) against sipp over UDP and
        // TCP, and two endpoints over TLS with an openssl-made CA.
        .testTarget(
            name: "SIPStackIntegrationTests",
            dependencies: [
                "SIPTestSupport",
                "SIPNIO",
                "SIPTransaction",
                "SIPCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            exclude: ["Scenarios"]
        ),
        // config.toml: every error kind with its line and key, a full valid file; the 0600 store.
        .testTarget(name: "DialtoneConfigTests", dependencies: ["DialtoneConfig", "SIPUserAgent", "SIPCore"]),
        // The demo peer over 127.0.0.1, driven by a second endpoint and by sipp.
        .testTarget(
            name: "DialtoneDemoTests",
            dependencies: [
                "DialtoneDemo",
                "SIPTestSupport",
                "SIPNIO",
                "SIPTransaction",
                "SIPCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            exclude: ["Scenarios"]
        ),
        // The screen rendered into cell buffers from recorded events; themes; pcap bytes.
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "SIPUserAgent", "SIPCore"]),
        // Runs the built `dialtone` binary; depending on it makes SwiftPM build it first.
        .testTarget(name: "DialtoneCLITests", dependencies: ["SIPCore", "dialtone"]),
        // Issue 4's "done when": the `dialtone` binary (--no-tui) against sipp scenarios and
        // kamailio, all started and stopped by the tests on 127.0.0.1.
        .testTarget(
            name: "DialtoneIntegrationTests",
            dependencies: ["SIPTestSupport", "SIPCore", "dialtone"],
            exclude: ["Scenarios", "Kamailio"]
        ),
        // End to end: the real `dialtone` screen in tmux against sipp peers (302, 401 with
        // verifyauth) and the built-in demo; depending on it makes SwiftPM build the binary.
        .testTarget(name: "DialtoneTUITests", dependencies: ["SIPTestSupport", "dialtone"], exclude: ["Scenarios"]),
        // Media on a fake clock: SDP (RFC 4317 tables), RTP/RTCP, jitter buffer, DTMF, codecs.
        .testTarget(name: "MediaTests", dependencies: ["Media"]),
        // MediaNIO: devices (WAV files, ALSA through an asoundrc of the test's own), the
        // audio thread, two media sessions over loopback UDP.
        .testTarget(name: "MediaNIOTests", dependencies: [
            "MediaNIO", "Media", "SIPTestSupport",
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
