import Testing
@testable import MediaNIO
