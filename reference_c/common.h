/* Helpers shared by the example programs (not by the driver's protocol). */
#ifndef COMMON_H
#define COMMON_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

/* Print bytes unambiguously and locale-independently: printable ASCII
 * except backslash as-is, everything else as \xHH (backslash as \\). */
static inline void print_escaped(FILE *out, const unsigned char *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = buf[i];
        if (c == '\\')
            fputs("\\\\", out);
        else if (c >= 0x20 && c < 0x7f)
            fputc(c, out);
        else
            fprintf(out, "\\x%02x", c);
    }
}

/* Socket type by name; returns -1 for an unknown name. */
static inline int parse_socket_type(const char *name)
{
    if (strcmp(name, "stream") == 0) return SOCK_STREAM;
    if (strcmp(name, "dgram") == 0) return SOCK_DGRAM;
    if (strcmp(name, "seqpacket") == 0) return SOCK_SEQPACKET;
    return -1;
}

static inline int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decode hex into a new buffer; returns 0 on success, -1 on bad input. */
static inline int decode_hex(const char *hex, unsigned char **out, size_t *outlen)
{
    size_t n = strlen(hex);
    if (n % 2 != 0) return -1;
    unsigned char *buf = malloc(n / 2 + 1);
    if (!buf) return -1;
    for (size_t i = 0; i < n / 2; i++) {
        int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) { free(buf); return -1; }
        buf[i] = (unsigned char)(hi * 16 + lo);
    }
    *out = buf;
    *outlen = n / 2;
    return 0;
}

/* Parse a decimal integer in [lo, hi]; returns 0 on success. */
static inline int parse_long(const char *s, long long lo, long long hi, long long *out)
{
    char *end;
    if (*s == '\0') return -1;
    long long v = strtoll(s, &end, 10);
    if (*end != '\0' || v < lo || v > hi) return -1;
    *out = v;
    return 0;
}

/* 32-bit two's-complement wrap-around without undefined or
 * implementation-defined behaviour: the arithmetic happens in uint32_t. */
static inline int32_t wrap_increment(int32_t v)
{
    uint32_t u = (uint32_t)v + 1u;
    return u <= (uint32_t)INT32_MAX ? (int32_t)u : (int32_t)(u - (uint32_t)INT32_MAX - 1u) + INT32_MIN;
}
#endif
