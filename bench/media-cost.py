#!/usr/bin/env python3
"""CPU time per second of call for the media path, Dialtone beside baresip in one run.

Each runs a call between two instances of itself on 127.0.0.1 for SECONDS: one side plays
a tone from a WAV file and records what it hears, the other does the same (capture ->
encode -> RTP -> decode -> playback on both). The figure is the CPU time (user + system,
from wait4's rusage, so everything the process does) of both processes together, divided
by the call's length and by two: milliseconds of CPU per call-second per side.

Usage: bench/media-cost.py [--seconds N] [--codecs pcmu,opus] [--dialtone PATH]
"""
import argparse, os, shutil, socket, subprocess, sys, tempfile, time, wave, math, struct

def tone(path, rate, freq, seconds=5):
    with wave.open(path, "wb") as w:
        w.setnchannels(1); w.setsampwidth(2); w.setframerate(rate)
        w.writeframes(b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * freq * i / rate))) for i in range(rate * seconds)))

def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0)); return s.getsockname()[1]

def wait_rusage(proc, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid == proc.pid:
            return usage.ru_utime + usage.ru_stime
        time.sleep(0.05)
    proc.kill()
    _, _, usage = os.wait4(proc.pid, 0)
    return usage.ru_utime + usage.ru_stime

def dialtone(binary, codec, seconds, scratch):
    tone(f"{scratch}/a.wav", 8000, 1000); tone(f"{scratch}/b.wav", 8000, 600)
    port = free_port()
    out = open(f"{scratch}/dialtone.log", "w")
    bob = subprocess.Popen([binary, "answer", "--no-tui", "--bind", f"127.0.0.1:{port}", "--duration", str(seconds + 5), "--codecs", codec,
                            "--audio-in", f"{scratch}/b.wav", "--audio-out", f"{scratch}/b-heard.wav"], stdout=out, stderr=out, stdin=subprocess.DEVNULL)
    time.sleep(1)
    alice = subprocess.Popen([binary, "call", f"sip:bob@127.0.0.1:{port}", "--no-tui", "--duration", str(seconds), "--codecs", codec,
                              "--audio-in", f"{scratch}/a.wav", "--audio-out", f"{scratch}/a-heard.wav"], stdout=out, stderr=out, stdin=subprocess.DEVNULL)
    cpu = wait_rusage(alice, seconds + 20) + wait_rusage(bob, 20)
    return cpu

def baresip_config(directory, port, rtp, source, record, codec_module):
    os.makedirs(directory, exist_ok=True); os.makedirs(record, exist_ok=True)
    with open(f"{directory}/config", "w") as f:
        f.write(f"poll_method\tepoll\nsip_listen\t127.0.0.1:{port}\nnet_interface\t127.0.0.1\nmodule_path\t/usr/lib/baresip/modules\n"
                f"module\tg711.so\nmodule\t{codec_module}\nmodule\taufile.so\nmodule\tsndfile.so\nsnd_path\t{record}\n"
                f"module_app\taccount.so\nmodule_app\tmenu.so\naudio_source\taufile,{source}\nausrc_srate\t8000\nauplay_srate\t8000\n"
                f"ausrc_channels\t1\nauplay_channels\t1\nrtp_ports\t{rtp}-{rtp + 9}\n")

def baresip(codec, seconds, scratch):
    binary = shutil.which("baresip")
    if not binary:
        return None
    tone(f"{scratch}/ba.wav", 8000, 1000, 60); tone(f"{scratch}/bb.wav", 8000, 600, 60)
    rtpmap = {"pcmu": "PCMU/8000/1", "pcma": "PCMA/8000/1", "opus": "opus/48000/2"}[codec]
    module = "opus.so" if codec == "opus" else "g711.so"
    pa, pb = free_port(), free_port()
    baresip_config(f"{scratch}/bob", pb, 27000, f"{scratch}/bb.wav", f"{scratch}/bob-rec", module)
    baresip_config(f"{scratch}/alice", pa, 27010, f"{scratch}/ba.wav", f"{scratch}/alice-rec", module)
    for who in ("bob", "alice"):
        with open(f"{scratch}/{who}/accounts", "w") as f:
            f.write(f"<sip:{who}@127.0.0.1>;regint=0;answermode=auto;audio_codecs={rtpmap}\n")
    out = open(f"{scratch}/baresip.log", "w")
    bob = subprocess.Popen([binary, "-f", f"{scratch}/bob", "-t", str(seconds + 4)], stdout=out, stderr=out, stdin=subprocess.DEVNULL)
    time.sleep(1)
    alice = subprocess.Popen([binary, "-f", f"{scratch}/alice", "-e", f"/dial sip:bob@127.0.0.1:{pb}", "-t", str(seconds + 1)],
                             stdout=out, stderr=out, stdin=subprocess.DEVNULL)
    return wait_rusage(alice, seconds + 20) + wait_rusage(bob, 20)

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--codecs", default="pcmu,opus")
    parser.add_argument("--dialtone", default=os.environ.get("DIALTONE", ".build/release/dialtone"))
    args = parser.parse_args()
    print(f"media path CPU per call-second per side, {args.seconds} s calls on 127.0.0.1 (tone in, recording out)")
    for codec in args.codecs.split(","):
        with tempfile.TemporaryDirectory(prefix="dialtone-media-bench") as scratch:
            ours = dialtone(args.dialtone, codec, args.seconds, scratch)
            theirs = baresip(codec, args.seconds, scratch)
        ours_ms = ours * 1000 / args.seconds / 2
        line = f"{codec:5s} dialtone {ours_ms:6.1f} ms/call-s"
        if theirs is not None:
            # baresip's run includes about one second of set-up and teardown, as Dialtone's does.
            theirs_ms = theirs * 1000 / args.seconds / 2
            line += f"   baresip {theirs_ms:6.1f} ms/call-s   ratio {ours_ms / theirs_ms:4.2f}"
        print(line, flush=True)

if __name__ == "__main__":
    main()
