// DialtoneDemo: the built-in demo peer (issue 5).
