import COpus
import CSpanDSP
import CSpeexDSP
import CSRTP

/// The versions of the C libraries Media links, for `dialtone --version` and bug reports.
public enum CLibraryVersions {
    public static var opus: String { String(cString: opus_get_version_string()) }
    public static var srtp: String { String(cString: srtp_get_version_string()) }
}
