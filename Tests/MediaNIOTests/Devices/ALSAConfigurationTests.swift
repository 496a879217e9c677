import Testing
@testable import MediaNIO

@Suite struct ALSAConfigurationTests {
    @Test func textThatDoesNotParseIsAClearError() {
        #expect {
            _ = try ALSAConfiguration(text: "pcm.broken { type file ")
        } throws: { error in
            (error as? AudioDeviceError)?.kind == .invalidALSAConfiguration
                && "\(error)".hasPrefix("ALSA configuration: the text does not parse (")
        }
    }

    /// The system's definitions stay usable next to the test's own: `null` here comes from alsa.conf.
    @Test func systemDefinitionsRemainVisible() throws {
        let configuration = try ALSAConfiguration(text: "pcm.dialtone_test_alias { type plug slave.pcm \"null\" }")
        let capture = try ALSACapture(device: "dialtone_test_alias", format: .narrowband, configuration: configuration)
        #expect(capture.name == "ALSA dialtone_test_alias")
        let viaSystem = try ALSACapture(device: "null", format: .narrowband, configuration: configuration)
        #expect(viaSystem.format == .narrowband)
    }
}
