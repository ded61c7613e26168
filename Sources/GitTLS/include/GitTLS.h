#ifndef BERTH_GIT_TLS_H
#define BERTH_GIT_TLS_H

/* Whether libgit2's TLS layer has been set up in this process: not by git_libgit2_init, but by
   the first TLS connection (see deferred_tls.c). */
int berth_git_tls_is_set_up(void);

#endif
