#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import TerminalUI

/// The package's Themes/ directory, found from this file.
let themesDirectory: String = {
    var path = #filePath
    for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
    return path + "/Themes"
}()

@Suite struct ThemeTests {
    let library = ThemeLibrary(directories: [themesDirectory])

    @Test func theBuiltInDarkThemeIsTheFile() {
        let file = ThemeLibrary.readFile(themesDirectory + "/dark.toml")
        #expect(file != nil)
        #expect(file == BuiltInThemes.darkTOML + "\n")
    }

    @Test func everyShippedThemeLoadsAndStylesEveryRole() throws {
        for name in ["dark", "light", "high-contrast"] {
            let theme = try library.load(name).get()
            #expect(theme.name == name)
            for role in Role.allCases {
                #expect(theme.style(role).fg != nil, "\(name): \(role) has no colour")
            }
        }
        #expect(library.available().starts(with: ["dark", "high-contrast", "light"]))
    }

    @Test func dottedRolesFallBackToTheirParents() {
        let dark = Theme.dark
        #expect(dark.style(.response4xx).fg == ThemeColor(c256: 208, c16: 11))
        // status-bar.good sets only fg and bold: the bar's background carries over.
        #expect(dark.style(.statusGood).bg == dark.style(.statusBar).bg)
        #expect(dark.style(.statusGood).fg == ThemeColor(c256: 120, c16: 10))
    }

    @Test func inheritsTakesThePaletteAndOverrides() throws {
        let light = try library.load("light").get()
        #expect(light.style(.response4xx).fg == ThemeColor(c256: 166, c16: 3))
        #expect(light.style(.text).fg == ThemeColor(c256: 235, c16: 0))
    }

    @Test func colourModes() {
        let dark = Theme.dark
        #expect(ColorMode.detect(colors: 256, hasColors: true, environment: ["NO_COLOR": "1"]) == .none)
        #expect(ColorMode.detect(colors: 256, hasColors: true, environment: ["NO_COLOR": ""]) == .xterm256)
        #expect(ColorMode.detect(colors: 8, hasColors: true, environment: [:]) == .ansi8)
        #expect(ColorMode.detect(colors: 16, hasColors: true, environment: [:]) == .ansi16)
        #expect(ColorMode.detect(colors: 0, hasColors: false, environment: [:]) == .none)
        #expect(dark.terminalStyle(.response4xx, mode: .xterm256).fg == 208)
        #expect(dark.terminalStyle(.response4xx, mode: .ansi16).fg == 11)
        #expect(dark.terminalStyle(.response4xx, mode: .ansi8).fg == 3)
        let plain = dark.terminalStyle(.statusBar, mode: .none)
        #expect(plain.fg == -1 && plain.bg == -1 && plain.reverse)
        #expect(dark.terminalStyle(.text, mode: .none).reverse == false)
    }

    func parse(_ text: String) -> ThemeError? {
        switch ThemeLoader.parse(text, file: "Themes/broken.toml", parent: { _ in nil }).flatMap(\.resolvedResult) {
        case .success: nil
        case let .failure(error): error
        }
    }

    @Test func brokenThemesNameTheFileAndKey() {
        #expect(parse("name = \"x\"\n[roles]\n\"log.4xx\" = { fg = \"orang\" }\n")?.description
            == "Themes/broken.toml: roles.\"log.4xx\".fg: unknown colour \"orang\" (not in [palette], and not \"default\")")
        #expect(parse("[palette]\nred = { c256 = 300, c16 = 1 }\n")?.key == "palette.red.c256")
        #expect(parse("[palette]\nred = { c256 = 1, c16 = \"pink\" }\n")?.key == "palette.red.c16")
        #expect(parse("[roles]\n\"log.7xx\" = { fg = \"default\" }\n")?.key == "roles.\"log.7xx\"")
        #expect(parse("[roles]\n\"log\" = { bold = \"yes\" }\n")?.key == "roles.\"log\".bold")
        #expect(parse("colour = 1\n")?.key == "colour")
        let syntax = parse("[roles\n")
        #expect(syntax?.key == "")
        #expect(syntax?.message.hasPrefix("not valid TOML at line 1") == true)
    }

    @Test func nestedTablesAreDottedRoles() throws {
        let text = "[palette]\nred = { c256 = 196, c16 = \"red\" }\n[roles.log]\nfg = \"red\"\n[roles.log.4xx]\nbold = true\n"
        let theme = try ThemeLoader.parse(text, file: "t.toml", parent: { _ in nil }).flatMap(\.resolvedResult).get()
        #expect(theme.style(.response4xx).fg == ThemeColor(c256: 196, c16: 1))
        #expect(theme.style(.response4xx).bold == true)
    }

    @Test func aMissingOrBrokenThemeFallsBackToTheDefault() {
        let (theme, problem) = library.loadOrDefault("no-such-theme")
        #expect(theme.name == "dark")
        #expect(problem?.message.hasPrefix("no theme \"no-such-theme\" in") == true)
        // No directories at all: dark is still there.
        #expect((try? ThemeLibrary(directories: []).load("dark").get())?.name == "dark")
    }

    @Test func inheritingInACircleIsAnError() {
        let dir = "/tmp/dialtone-theme-circle-\(getpid())"
        mkdir(dir, 0o755)
        defer {
            unlink(dir + "/a.toml")
            unlink(dir + "/b.toml")
            rmdir(dir)
        }
        _ = LogFileWriter.write(Array("inherits = \"b\"\n".utf8), to: dir + "/a.toml")
        _ = LogFileWriter.write(Array("inherits = \"a\"\n".utf8), to: dir + "/b.toml")
        let result = ThemeLibrary(directories: [dir]).load("a")
        guard case let .failure(error) = result else {
            Issue.record("a circle loaded")
            return
        }
        #expect(error.message == "inherits in a circle: a → b → a")
        #expect(error.file == dir + "/b.toml")
    }

    @Test func searchPath() {
        let library = ThemeLibrary.standard(environment: ["DIALTONE_THEMES": "/etc/dt"], executablePath: "/usr/local/bin/dialtone")
        #expect(library.directories == ["/etc/dt", "./Themes", "/usr/local/bin/../share/dialtone/Themes"])
    }
}
