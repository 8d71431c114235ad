/*
 * state.h: stateful driver initialization (DESIGN.md rule 5). Drivers that
 * keep daemon-wide state (the qemu driver: its state directory, running
 * guests to reconnect to) register a hook; the daemon's state-init thread
 * runs every hook once at start-up, before any call is served, and the
 * cleanup hooks at shutdown in reverse order. The test driver keeps its
 * state per URI, created at open, and registers none.
 */
#ifndef VIRTD_DRIVERS_STATE_H
#define VIRTD_DRIVERS_STATE_H

#include "core/err.h"

struct drv_state_hook {
    const char *name;
    int (*init)(struct err *e);       /* 0, or -1 with @e set */
    void (*cleanup)(void);            /* may be NULL */
};

/* Run every registered init hook in order; stop at the first failure
 * (already initialized ones are cleaned up). 0 or -1 with @e set. Called
 * from the state-init thread. */
int drv_state_init_all(struct err *e);

/* Clean up what drv_state_init_all() initialized, in reverse order. */
void drv_state_cleanup_all(void);

#endif
