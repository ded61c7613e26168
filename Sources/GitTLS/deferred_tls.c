/*
 * libgit2 built against mbedTLS (Debian's) sets up its TLS layer inside git_libgit2_init: it seeds
 * a random generator and parses the system's whole CA bundle, about 4 ms, in every process, though
 * most berth runs read a local repository and never open a TLS connection.
 *
 * Package.swift links libgit2 with `--wrap` for the four entry points of its mbedTLS stream (each is
 * called from another object file of the library, which is what --wrap redirects):
 *   - the set-up called by git_libgit2_init does nothing here;
 *   - a new TLS stream, a wrapped one, or a CA location set by GIT_OPT_SET_SSL_CERT_LOCATIONS first
 *     runs the real set-up, once, and then the real function.
 * So a fetch over HTTPS behaves as before, CA bundle and all, from its first connection.
 *
 * The __real_ references are what pull libgit2's mbedTLS stream into the link, so this file links
 * only with those flags, which GitSource, its one user, carries.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

#include "GitTLS.h"

typedef struct git_stream git_stream;

extern int __real_git_mbedtls_stream_global_init(void);
extern int __real_git_mbedtls_stream_new(git_stream **out, const char *host, const char *port);
extern int __real_git_mbedtls_stream_wrap(git_stream **out, git_stream *in, const char *host);
extern int __real_git_mbedtls__set_cert_location(const char *file, const char *path);

static pthread_once_t set_up_once = PTHREAD_ONCE_INIT;
static int set_up_result;
static atomic_int set_up_done;

static void set_up(void) {
    set_up_result = __real_git_mbedtls_stream_global_init();
    atomic_store(&set_up_done, 1);
}

static int ensure_set_up(void) {
    pthread_once(&set_up_once, set_up);
    return set_up_result;
}

int __wrap_git_mbedtls_stream_global_init(void) {
    return 0;
}

int __wrap_git_mbedtls_stream_new(git_stream **out, const char *host, const char *port) {
    int error = ensure_set_up();
    return error < 0 ? error : __real_git_mbedtls_stream_new(out, host, port);
}

int __wrap_git_mbedtls_stream_wrap(git_stream **out, git_stream *in, const char *host) {
    int error = ensure_set_up();
    return error < 0 ? error : __real_git_mbedtls_stream_wrap(out, in, host);
}

int __wrap_git_mbedtls__set_cert_location(const char *file, const char *path) {
    int error = ensure_set_up();
    return error < 0 ? error : __real_git_mbedtls__set_cert_location(file, path);
}

int berth_git_tls_is_set_up(void) {
    return atomic_load(&set_up_done);
}
