// sip-bench: parse throughput of SIPCore. Usage: sip-bench parse DIR
print("usage: sip-bench parse DIR")
