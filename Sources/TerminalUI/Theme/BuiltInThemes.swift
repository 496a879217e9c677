/// The themes compiled into the binary: the default (dark), so Dialtone runs when no
/// theme file can be found. The text is `Themes/dark.toml`, byte for byte (ThemeTests
/// compares them).
enum BuiltInThemes {
    static let darkTOML = #"""
# Dialtone's default theme: light text on the terminal's own dark background.
# Also built into the binary (TerminalUI/Theme/BuiltInThemes.swift), so Dialtone runs
# with no theme files; keep the two the same (a test checks).
#
# [palette]: named colours, each a 256-colour index and a 16-colour fallback
# (a number 0-15 or a name: black, red, green, yellow, blue, magenta, cyan, white,
# bright-black … bright-white; "default" is the terminal's own colour).
# [roles]: what each part of the screen looks like: fg, bg (a palette name, "default",
# or { c256 = …, c16 = … }), bold, underline, reverse. A dotted role falls back to its
# parent for what it leaves out: "log.4xx" to "log" to "text".
name = "dark"

[palette]
fg = { c256 = 252, c16 = "white" }
bright = { c256 = 255, c16 = "bright-white" }
dim = { c256 = 244, c16 = "bright-black" }
rule = { c256 = 240, c16 = "bright-black" }
bar = { c256 = 24, c16 = "blue" }
panel = { c256 = 236, c16 = "black" }
selection = { c256 = 238, c16 = "blue" }
green = { c256 = 114, c16 = "green" }
bright-green = { c256 = 120, c16 = "bright-green" }
yellow = { c256 = 221, c16 = "yellow" }
orange = { c256 = 208, c16 = "bright-yellow" }
red = { c256 = 203, c16 = "red" }
bright-red = { c256 = 210, c16 = "bright-red" }
blue = { c256 = 75, c16 = "bright-blue" }
cyan = { c256 = 80, c16 = "cyan" }
teal = { c256 = 109, c16 = "cyan" }
magenta = { c256 = 176, c16 = "magenta" }
purple = { c256 = 141, c16 = "bright-magenta" }
crimson = { c256 = 197, c16 = "bright-red" }
tan = { c256 = 180, c16 = "yellow" }

[roles]
"text" = { fg = "fg", bg = "default" }
"text.dim" = { fg = "dim" }
"border" = { fg = "rule" }
"title" = { fg = "bright", bold = true }
"hint" = { fg = "dim" }
"notice" = { fg = "cyan" }
"error" = { fg = "bright-red", bold = true }
"selection" = { bg = "selection", fg = "bright" }

"status-bar" = { fg = "bright", bg = "bar" }
"status-bar.good" = { fg = "bright-green", bold = true }
"status-bar.busy" = { fg = "yellow" }
"status-bar.bad" = { fg = "bright-red", bold = true }

"dial" = { fg = "bright" }
"dial.prompt" = { fg = "cyan", bold = true }
"prompt" = { fg = "yellow", bg = "panel" }
"prompt.field" = { fg = "bright", bg = "selection" }

"call" = { fg = "fg" }
"call.calling" = { fg = "blue" }
"call.trying" = { fg = "blue" }
"call.ringing" = { fg = "yellow", bold = true }
"call.early" = { fg = "magenta" }
"call.incoming" = { fg = "orange", bold = true }
"call.connected" = { fg = "green", bold = true }
"call.terminating" = { fg = "yellow" }
"call.ended" = { fg = "dim" }
"call.failed" = { fg = "red" }
"call.redirect" = { fg = "purple", bold = true }

"log" = { fg = "fg" }
"log.request" = { fg = "blue" }
"log.1xx" = { fg = "teal" }
"log.2xx" = { fg = "green" }
"log.3xx" = { fg = "purple" }
"log.4xx" = { fg = "orange" }
"log.5xx" = { fg = "red" }
"log.6xx" = { fg = "crimson" }
"log.retransmission" = { fg = "dim", underline = true }
"log.note" = { fg = "yellow" }
"log.time" = { fg = "dim" }

"detail.start-line" = { fg = "bright", bold = true }
"detail.header-name" = { fg = "cyan" }
"detail.header-value" = { fg = "fg" }
"detail.body" = { fg = "tan" }
"detail.explanation" = { fg = "fg" }

"ladder.endpoint" = { fg = "bright", bold = true }
"ladder.lifeline" = { fg = "rule" }
"""#
}
