import SIPCore
import Testing

@Suite struct SessionKeyMaskTests {
    @Test func inlineKeysAreHiddenAndTheRestKept() {
        let sdp = "m=audio 4000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4\r\na=sendrecv\r\n"
        #expect(SessionKeyMask.masked(sdp)
            == "m=audio 4000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:<hidden>|2^20|1:4\r\na=sendrecv\r\n")
        let two = "inline:AAAA= x inline:BBBB"
        #expect(SessionKeyMask.masked(two) == "inline:<hidden> x inline:<hidden>")
        #expect(SessionKeyMask.masked("no keys here") == "no keys here")
    }
}
