import Testing
@testable import Media

@Suite struct CLibraryVersionsTests {
    @Test func linksLibopusAndLibsrtp2() {
        #expect(CLibraryVersions.opus.hasPrefix("libopus"))
        #expect(CLibraryVersions.srtp.contains("libsrtp2"))
    }
}
