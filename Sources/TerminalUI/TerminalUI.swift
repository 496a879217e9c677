// TerminalUI has no code yet; see README.md ("What works today") for the issue that fills it.
