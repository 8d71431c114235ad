/*
 * domain_guest.c: what the test driver pretends a guest agent reports and
 * does, with the state it keeps for each domain object (it lives as long
 * as the object: it survives destroy and start), as libvirt 9.0's test
 * driver does:
 *
 * - the guest clock (virDomainGetTime, virDomainSetTime), 627319920 s
 *   when the object is made;
 * - two file systems, "/" and "/boot", which can be frozen and thawed
 *   (virDomainFSFreeze, virDomainFSThaw: all or nothing, a mount point
 *   named twice counts once) and trimmed (virDomainFSTrim);
 * - the control state (virDomainGetControlInfo), derived from the clock:
 *   setting it to a small value is how a test makes the domain look busy:
 *
 *   seconds              control state    detail             time in state
 *   1 .. 9999            JOB              -                  seconds ms
 *   10000 .. 29999       OCCUPIED         -                  seconds - 10000 ms
 *   30000 .. 59999       ERROR            seconds % 4        seconds - 30000 ms
 *   anything else        OK               -                  0
 *
 *   (seconds % 4 is NONE, UNKNOWN, MONITOR, INTERNAL for 0..3.)
 *
 * Worker threads; each call holds the state lock for its duration.
 */
#include "drivers/test/test_priv.h"

#include <string.h>

#define TDRV_TIME_SYNC 1u             /* VIR_DOMAIN_TIME_SYNC */

int
tdrv_dom_get_time(struct drv_conn *c, const struct drv_dom *d,
                  unsigned flags, int64_t *sec, uint32_t *nsec, struct err *e)
{
    struct tdrv_dom *dom;
    int rc = 0;

    if (flags) {
        drv_bad_flags(e, ERRDOM_TEST, "testDomainGetTime", flags);
        return -1;
    }
    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    /* running only: a paused guest has no clock to read (the test
     * driver's own check, so its own error domain) */
    if (dom->state != DRV_DOM_RUNNING) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_TEST,
                "domain is not running");
        rc = -1;
    } else {
        *sec = dom->time_s;
        *nsec = dom->time_ns;
    }
    tdrv_dom_unlock(c);
    return rc;
}

/* Any active domain, paused too. With SYNC the values are still stored:
 * virsh sends 0 and 0 then, and the clock reads 0 afterwards. */
int
tdrv_dom_set_time(struct drv_conn *c, const struct drv_dom *d, int64_t sec,
                  uint32_t nsec, unsigned flags, struct err *e)
{
    struct tdrv_dom *dom;
    int rc;

    if (drv_flags_unsupported(e, ERRDOM_TEST, "testDomainSetTime", flags,
                              TDRV_TIME_SYNC)) {
        return -1;
    }
    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    rc = tdrv_dom_check_active(dom, e);
    if (rc == 0) {
        dom->time_s = sec;
        dom->time_ns = nsec;
    }
    tdrv_dom_unlock(c);
    return rc;
}

/* The table in the file comment. */
static void
tdrv_control_of(int64_t s, unsigned *state, unsigned *details,
                uint64_t *state_ms)
{
    *details = 0;
    *state_ms = 0;
    if (s > 0 && s < 10000) {
        *state = DRV_CONTROL_JOB;
        *state_ms = (uint64_t)s;
    } else if (s >= 10000 && s < 30000) {
        *state = DRV_CONTROL_OCCUPIED;
        *state_ms = (uint64_t)(s - 10000);
    } else if (s >= 30000 && s < 60000) {
        *state = DRV_CONTROL_ERROR;
        *details = (unsigned)(s % 4);
        *state_ms = (uint64_t)(s - 30000);
    } else {
        *state = DRV_CONTROL_OK;
    }
}

int
tdrv_dom_get_control_info(struct drv_conn *c, const struct drv_dom *d,
                          unsigned flags, unsigned *state, unsigned *details,
                          uint64_t *state_ms, struct err *e)
{
    struct tdrv_dom *dom;
    int rc;

    if (flags) {
        drv_bad_flags(e, ERRDOM_TEST, "testDomainGetControlInfo", flags);
        return -1;
    }
    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    rc = tdrv_dom_check_active(dom, e);
    if (rc == 0)
        tdrv_control_of(dom->time_s, state, details, state_ms);
    tdrv_dom_unlock(c);
    return rc;
}

/* -- file systems ---------------------------------------------------------- */

/* The pretend guest's mount points; frozen[i] belongs to tdrv_fs[i]. */
static const char *const tdrv_fs[2] = { "/", "/boot" };

static int
tdrv_fs_index(const char *mount, struct err *e)
{
    for (int i = 0; i < 2; i++)
        if (strcmp(mount, tdrv_fs[i]) == 0)
            return i;
    err_set(e, ERR_OPERATION_INVALID, ERRDOM_TEST,
            "mount point not found: %s", mount);
    return -1;
}

/*
 * Freeze (@to true) or thaw the @n mount points (both when @n is 0): all
 * or nothing; *count = how many changed state. A mount point named twice
 * counts once.
 */
static int
tdrv_fs_set(struct drv_conn *c, const struct drv_dom *d,
            const char *const *mounts, unsigned n, unsigned flags, bool to,
            const char *func, int *count, struct err *e)
{
    struct tdrv_dom *dom;
    bool next[2];
    int changed = 0;

    if (flags) {
        drv_bad_flags(e, ERRDOM_TEST, func, flags);
        return -1;
    }
    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    if (tdrv_dom_check_active(dom, e) < 0)
        goto fail;
    memcpy(next, dom->frozen, sizeof(next));
    for (unsigned k = 0; k < (n ? n : 2); k++) {
        int i = n ? tdrv_fs_index(mounts[k], e) : (int)k;

        if (i < 0)
            goto fail;
        if (next[i] != to) {
            next[i] = to;
            changed++;
        }
    }
    memcpy(dom->frozen, next, sizeof(next));
    tdrv_dom_unlock(c);
    *count = changed;
    return 0;
fail:
    tdrv_dom_unlock(c);
    return -1;
}

int
tdrv_dom_fs_freeze(struct drv_conn *c, const struct drv_dom *d,
                   const char *const *mounts, unsigned n, unsigned flags,
                   int *count, struct err *e)
{
    return tdrv_fs_set(c, d, mounts, n, flags, true, "testDomainFSFreeze",
                       count, e);
}

int
tdrv_dom_fs_thaw(struct drv_conn *c, const struct drv_dom *d,
                 const char *const *mounts, unsigned n, unsigned flags,
                 int *count, struct err *e)
{
    return tdrv_fs_set(c, d, mounts, n, flags, false, "testDomainFSThaw",
                       count, e);
}

/* Nothing to trim: only the domain and the mount point are checked. */
int
tdrv_dom_fs_trim(struct drv_conn *c, const struct drv_dom *d,
                 const char *mount, uint64_t minimum, unsigned flags,
                 struct err *e)
{
    struct tdrv_dom *dom;
    int rc;

    (void)minimum;
    if (flags) {
        drv_bad_flags(e, ERRDOM_TEST, "testDomainFSTrim", flags);
        return -1;
    }
    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    rc = tdrv_dom_check_active(dom, e);
    if (rc == 0 && mount && tdrv_fs_index(mount, e) < 0)
        rc = -1;
    tdrv_dom_unlock(c);
    return rc;
}
