/*
 * state.c: runs the stateful drivers' init and cleanup hooks (state.h).
 */
#include "drivers/state.h"

#include <stdbool.h>
#include <stddef.h>

#include "core/log.h"

/* Stateful drivers, in init order. None yet: the test driver's state is
 * per URI and made at open; the qemu driver adds its hook here. */
static const struct drv_state_hook *const hooks[] = { NULL };

static size_t ninit;    /* hooks initialized so far (state-init thread,
                           then the main thread after joining it) */

int
drv_state_init_all(struct err *e)
{
    for (ninit = 0; hooks[ninit]; ninit++) {
        const struct drv_state_hook *h = hooks[ninit];

        log_info("drivers.state", "initializing driver '%s'", h->name);
        if (h->init && h->init(e) < 0) {
            drv_state_cleanup_all();
            return -1;
        }
    }
    return 0;
}

void
drv_state_cleanup_all(void)
{
    while (ninit > 0) {
        const struct drv_state_hook *h = hooks[--ninit];

        if (h->cleanup)
            h->cleanup();
    }
}
