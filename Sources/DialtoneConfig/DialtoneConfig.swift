// DialtoneConfig: config.toml and the credential store (issue 4).
