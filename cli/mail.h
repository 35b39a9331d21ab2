/* mail.h - RFC 5322 messages as `cpd notices` writes them: header fields
 * (RFC 2047 encoded-words in UTF-8 where the text is not ASCII), the
 * date, a deterministic Message-ID, and a text/plain body in base64. */
#ifndef CPD_CLI_MAIL_H
#define CPD_CLI_MAIL_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "cpd.h"

/* 1 when addr is an address this command writes as it is: a dot-atom
 * local part and domain of ASCII (RFC 5322 addr-spec without quoted
 * strings, comments or a domain literal), at most 254 bytes. */
int mail_addr_ok(const char *addr);

/* A mailbox as given to --from: "addr@example.jp" or "Display Name
 * <addr@example.jp>".  0 with *display (may be "") and *addr pointing
 * into buf (a copy), or -1 when it is neither. */
int mail_mailbox_parse(char *buf, size_t cap, const char *text,
                       const char **display, const char **addr);

/* "Name: value" with value as it is when it is printable ASCII, else as
 * RFC 2047 encoded-words ("=?UTF-8?B?...?="), each at most 75 characters,
 * folded onto continuation lines of at most 78; CRLF after.  The value
 * is UTF-8 without controls. */
void mail_header_text(FILE *out, const char *name, const char *value);
/* "Name: display <addr>" (display encoded as above, omitted when
 * empty), CRLF after. */
void mail_header_mailbox(FILE *out, const char *name, const char *display,
                         const char *addr);

/* The Date field's value for a day at 09:00 JST ("Wed, 10 Feb 2027
 * 09:00:00 +0900"), or for a moment of the clock in local time. */
void mail_date_of_day(char buf[48], cpd_day day);
void mail_date_of_time(char buf[48], time_t t);

/* 64-bit FNV-1a of data, continued from h (start from MAIL_FNV_BASIS). */
#define MAIL_FNV_BASIS 0xcbf29ce484222325ull
uint64_t mail_fnv1a(uint64_t h, const void *data, size_t len);

/* data as base64 lines of 76 characters, each ended by CRLF. */
void mail_base64(FILE *out, const char *data, size_t len);

#endif
