// Media: the sans-IO half of Dialtone's voice. See README.md ("Architecture") and DESIGN.md ("Media").
