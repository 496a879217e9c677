/*
 * bench_common.h: what the three C parse benchmarks share.
 *
 *   PROG DIR [N]
 *
 * Loads every *.sip file of DIR (sorted by name) into memory, checks once that each
 * message parses and has Call-ID, CSeq and a top Via with a branch (naming the file
 * if not), then parses all of them N times and prints one line:
 *
 *   <library>: <M> messages x <N> iterations: <R> msg/s, <T> ns/msg
 *
 * Without N, it calibrates on 0.1 s of passes and picks N so the timed loop lasts
 * about 1.5 s.
 * The caller defines parse_one(), which parses one message the way the library is
 * used for a received datagram, reads the fields, frees everything, and returns 0
 * or a short reason.
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

struct bench_msg {
    char *name;   /* file name, for error messages */
    char *data;   /* file contents, NUL-terminated (the NUL is not part of len) */
    size_t len;
};

/* Everything read from a parsed message is folded into this, so nothing is dead code. */
static volatile uint64_t bench_sink;

/* One message: returns NULL on success, or a short reason (a static string). */
static const char *parse_one(const char *data, size_t len, uint64_t *acc);

static int bench_cmp_names(const void *a, const void *b)
{
    const struct bench_msg *x = a, *y = b;
    return strcmp(x->name, y->name);
}

static int bench_has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static size_t bench_load_dir(const char *prog, const char *dir, struct bench_msg **out)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "%s: cannot open directory %s: %s\n", prog, dir, strerror(errno));
        exit(2);
    }
    size_t count = 0, cap = 64;
    struct bench_msg *msgs = malloc(cap * sizeof *msgs);
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.' || !bench_has_suffix(de->d_name, ".sip"))
            continue;
        size_t plen = strlen(dir) + 1 + strlen(de->d_name) + 1;
        char *path = malloc(plen);
        snprintf(path, plen, "%s/%s", dir, de->d_name);
        FILE *f = fopen(path, "rb");
        struct stat st;
        if (!f || fstat(fileno(f), &st) != 0) {
            fprintf(stderr, "%s: cannot read %s: %s\n", prog, path, strerror(errno));
            exit(2);
        }
        if (!S_ISREG(st.st_mode)) {
            fclose(f);
            free(path);
            continue;
        }
        char *buf = malloc((size_t)st.st_size + 1);
        size_t got = fread(buf, 1, (size_t)st.st_size, f);
        if (got != (size_t)st.st_size) {
            fprintf(stderr, "%s: short read on %s\n", prog, path);
            exit(2);
        }
        buf[got] = '\0';
        fclose(f);
        free(path);
        if (count == cap)
            msgs = realloc(msgs, (cap *= 2) * sizeof *msgs);
        msgs[count].name = strdup(de->d_name);
        msgs[count].data = buf;
        msgs[count].len = got;
        count++;
    }
    closedir(d);
    if (count == 0) {
        fprintf(stderr, "%s: no *.sip files in %s\n", prog, dir);
        exit(2);
    }
    qsort(msgs, count, sizeof *msgs, bench_cmp_names);
    *out = msgs;
    return count;
}

static double bench_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* One pass over every message. On failure names the file and exits 1. */
static void bench_pass(const char *prog, const struct bench_msg *msgs, size_t count)
{
    uint64_t acc = 0;
    for (size_t i = 0; i < count; i++) {
        const char *why = parse_one(msgs[i].data, msgs[i].len, &acc);
        if (why) {
            fprintf(stderr, "%s: %s: %s\n", prog, msgs[i].name, why);
            exit(1);
        }
    }
    bench_sink += acc;
}

static int bench_main(const char *library, int argc, char **argv)
{
    const char *prog = argv[0];
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s DIR [ITERATIONS]\n", prog);
        return 2;
    }
    struct bench_msg *msgs;
    size_t count = bench_load_dir(prog, argv[1], &msgs);

    long iterations = 0;
    if (argc == 3) {
        char *end;
        iterations = strtol(argv[2], &end, 10);
        if (*end != '\0' || iterations < 1) {
            fprintf(stderr, "%s: ITERATIONS must be a positive integer, not '%s'\n", prog, argv[2]);
            return 2;
        }
    }

    /* Validation and warm-up pass. */
    bench_pass(prog, msgs, count);
    /* Without N: calibrate on at least 0.1 s of passes, aim at 1.5 s. */
    if (iterations == 0) {
        long passes = 0;
        double t0 = bench_now_ns(), spent;
        do {
            bench_pass(prog, msgs, count);
            passes++;
        } while ((spent = bench_now_ns() - t0) < 1e8);
        iterations = (long)(1.5e9 / (spent / (double)passes));
        if (iterations < 1)
            iterations = 1;
    }

    double t0 = bench_now_ns();
    for (long it = 0; it < iterations; it++)
        bench_pass(prog, msgs, count);
    double elapsed = bench_now_ns() - t0;

    double n = (double)count * (double)iterations;
    double ns_per_msg = elapsed / n;
    printf("%s: %zu messages x %ld iterations: %.0f msg/s, %.0f ns/msg\n",
           library, count, iterations, 1e9 / ns_per_msg, ns_per_msg);

    for (size_t i = 0; i < count; i++) {
        free(msgs[i].name);
        free(msgs[i].data);
    }
    free(msgs);
    return 0;
}

#endif
