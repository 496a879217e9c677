import Testing
@testable import SIPCore

/// The lexical helpers that the URI and address parsers changed.
@Suite struct LexicalTests {
    @Test func equalsIgnoringASCIICase() {
        #expect("Tag".equalsIgnoringASCIICase("tAG"))
        #expect(!"tag".equalsIgnoringASCIICase("tags"))
        #expect(!"tags".equalsIgnoringASCIICase("tag"))
        #expect("".equalsIgnoringASCIICase(""))
        #expect("xTAGx".dropFirst().dropLast().equalsIgnoringASCIICase("tag"))
        #expect("phone-context".equalsIgnoringASCIICase("Phone-Context"))
        #expect(!"é".equalsIgnoringASCIICase("É"))
        #expect(!"a-".equalsIgnoringASCIICase("a\u{0D}"))
        let long = String(repeating: "AbC", count: 20)
        #expect(long.equalsIgnoringASCIICase(long.lowercased()))
    }

    @Test func quotedStringFastAndSlowPaths() throws {
        var plain = ByteScanner("\"Alice Liddell\" rest")
        #expect(try plain.scanQuotedString() == "Alice Liddell")
        #expect(plain.position == 15)

        var pairs = ByteScanner("\"a\\\"b\\\\c\"")
        #expect(try pairs.scanQuotedString() == "a\"b\\c")
        #expect(pairs.isAtEnd)

        var folded = ByteScanner("\"a\r\n  b\"")
        #expect(try folded.scanQuotedString() == "a b")

        var utf8 = ByteScanner("\"работающий\"")
        #expect(try utf8.scanQuotedString() == "работающий")

        for text in ["\"open", "\"open\\", "\"a\r\nb\""] {
            var scanner = ByteScanner(text)
            let error = syntaxError { () throws(SIPSyntaxError) in try scanner.scanQuotedString() }
            #expect(error == SIPSyntaxError("unterminated quoted string (opened here)", at: 0), "\(text)")
        }
    }

    @Test func emptyHeaderParameters() {
        for (text, at, reason) in [
            (";", 1, "empty parameter: nothing follows ';'"),
            (";a;;b", 3, "empty parameter: nothing between ';' and ';'"),
            (";a;,", 3, "empty parameter: nothing between ';' and ','"),
            ("; =x", 2, "expected a parameter name after ';' but found '='"),
        ] {
            var scanner = ByteScanner(text)
            let error = syntaxError { () throws(SIPSyntaxError) in try scanner.scanHeaderParameters() }
            #expect(error == SIPSyntaxError(reason, at: at), "\(text)")
        }
    }
}
