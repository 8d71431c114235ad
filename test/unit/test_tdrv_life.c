/*
 * test_tdrv_life.c: the test driver's lifecycle through the driver
 * interface: events reach every connection's sink in the order the state
 * changed (also with threads racing on one domain), none after a
 * connection closed, and the shared state (ids included) starts over
 * after the last connection closes.
 */
#include <criterion/criterion.h>

#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/driver.h"

#define T_TIMEOUT .timeout = 20
#define EV_MAX 20000

static const char vm_xml[] =
    "<domain type='test'><name>vm</name>"
    "<uuid>5c121e86-39df-476a-a3c2-745505e91e7f</uuid>"
    "<memory>65536</memory><os><type>hvm</type></os></domain>";

/* What a sink saw; filled by one delivering thread at a time. */
struct seen {
    pthread_mutex_t lock;
    int n;
    int event[EV_MAX];
    int id[EV_MAX];
};

static void
sink_fn(void *opaque, int event_id, const struct drv_dom *dom, int event,
        int detail)
{
    struct seen *s = opaque;

    (void)detail;
    cr_assert_eq(event_id, 0);
    sched_yield();                /* widen the window for reordering */
    pthread_mutex_lock(&s->lock);
    if (s->n < EV_MAX) {
        s->event[s->n] = event;
        s->id[s->n++] = dom->id;
    }
    pthread_mutex_unlock(&s->lock);
}

static struct drv_conn *
open_with(struct seen *s)
{
    struct drv_event_sink sink = { sink_fn, s };
    struct drv_conn *c;
    struct arena a;
    struct err e = { 0 };

    arena_init(&a);
    if (s)
        pthread_mutex_init(&s->lock, NULL);
    cr_assert_eq(drv_open("test:///default", 0, s ? &sink : NULL, &a, &c,
                          &e), 0);
    arena_reset(&a);
    return c;
}

static struct drv_dom
define(struct drv_conn *c, struct arena *a)
{
    struct drv_dom d;
    struct err e = { 0 };

    cr_assert_eq(c->ops->dom_define_xml(c, vm_xml, 0, a, &d, &e), 0, "%s",
                 e.message);
    return d;
}

TestSuite(tdrv_life);

Test(tdrv_life, every_connection_sees_events_in_order, T_TIMEOUT)
{
    static struct seen s1, s2;
    struct drv_conn *c1 = open_with(&s1), *c2 = open_with(&s2);
    static const int want[] = { 0, 2, 3, 4, 5, 1 };
    struct arena a;
    struct err e = { 0 };
    struct drv_dom d;

    arena_init(&a);
    d = define(c1, &a);
    cr_assert_eq(c2->ops->dom_create(c2, &d, 0, &a, &d, &e), 0);
    cr_assert_eq(c1->ops->dom_suspend(c1, &d, &e), 0);
    cr_assert_eq(c2->ops->dom_resume(c2, &d, &e), 0);
    cr_assert_eq(c1->ops->dom_set_memory(c1, &d, 1024, 1, &e), 0);
    cr_assert_eq(c1->ops->dom_destroy(c1, &d, 0, &e), 0);
    cr_assert_eq(c2->ops->dom_undefine(c2, &d, 0, &e), 0);
    for (int k = 0; k < 2; k++) {
        struct seen *s = k ? &s2 : &s1;

        cr_assert_eq(s->n, 6, "setmem has no event");
        for (int i = 0; i < 6; i++)
            cr_assert_eq(s->event[i], want[i], "conn %d event %d", k, i);
        cr_assert_eq(s->id[0], -1);
        cr_assert_geq(s->id[1], 2);
        cr_assert_eq(s->id[4], -1, "persistent: stopped with id -1");
    }
    drv_close(c2);
    cr_assert_eq(c1->ops->dom_define_xml(c1, vm_xml, 0, &a, &d, &e), 0);
    cr_assert_eq(s2.n, 6, "no event after close");
    cr_assert_eq(s1.n, 7);
    drv_close(c1);
    arena_reset(&a);
}

/* Threads racing suspend/resume on one domain: the successful changes
 * alternate, so the events must alternate too if they come out in the
 * order the state changed. */
struct racer {
    struct drv_conn *c;
    struct drv_dom d;
    int ok;
};

static void *
race(void *opaque)
{
    struct racer *r = opaque;
    struct err e = { 0 };

    for (int i = 0; i < 400; i++) {
        int rc = i % 2 ? r->c->ops->dom_resume(r->c, &r->d, &e)
                       : r->c->ops->dom_suspend(r->c, &r->d, &e);

        r->ok += rc == 0;
        err_release(&e);
    }
    return NULL;
}

Test(tdrv_life, racing_changes_keep_their_order, T_TIMEOUT)
{
    static struct seen s;
    struct drv_conn *c = open_with(&s);
    struct racer r[4];
    pthread_t t[4];
    struct arena a;
    struct err e = { 0 };
    struct drv_dom d;
    int ok = 0;

    arena_init(&a);
    d = define(c, &a);
    cr_assert_eq(c->ops->dom_create(c, &d, 0, &a, &d, &e), 0);
    for (int i = 0; i < 4; i++) {
        r[i] = (struct racer){ .c = c, .d = d };
        pthread_create(&t[i], NULL, race, &r[i]);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        ok += r[i].ok;
    }
    cr_assert_eq(s.n, 2 + ok, "one event per successful change");
    for (int i = 2; i < s.n; i++)
        cr_assert_eq(s.event[i], i % 2 ? 4 : 3, "event %d out of order", i);
    drv_close(c);
    arena_reset(&a);
}

Test(tdrv_life, state_starts_over_after_last_close, T_TIMEOUT)
{
    struct drv_conn *c = open_with(NULL);
    struct arena a;
    struct err e = { 0 };
    struct drv_dom d;

    arena_init(&a);
    d = define(c, &a);
    cr_assert_eq(c->ops->dom_create(c, &d, 0, &a, &d, &e), 0);
    cr_assert_eq(d.id, 2);
    cr_assert_eq(c->ops->dom_destroy(c, &d, 0, &e), 0);
    cr_assert_eq(c->ops->dom_create(c, &d, 0, &a, &d, &e), 0);
    cr_assert_eq(d.id, 3);
    drv_close(c);
    c = open_with(NULL);
    cr_assert_eq(c->ops->dom_lookup_by_uuid(c, d.uuid, &a, &d, &e), -1,
                 "defined domains are gone");
    err_release(&e);
    d = define(c, &a);
    cr_assert_eq(c->ops->dom_create(c, &d, 0, &a, &d, &e), 0);
    cr_assert_eq(d.id, 2, "ids restart");
    drv_close(c);
    arena_reset(&a);
}

/* Network lifecycle events come through the same sink, with the network
 * event id and the network's identity. */
struct net_seen {
    int n;
    int id[8], event[8];
    char name[8][16];
};

static void
net_sink_fn(void *opaque, int event_id, const struct drv_dom *dom, int event,
            int detail)
{
    struct net_seen *s = opaque;

    cr_assert_eq(detail, 0);
    if (s->n < 8) {
        s->id[s->n] = event_id;
        s->event[s->n] = event;
        snprintf(s->name[s->n++], sizeof(s->name[0]), "%s", dom->name);
    }
}

Test(tdrv_life, network_events_through_the_sink, T_TIMEOUT)
{
    struct net_seen seen = { 0 };
    struct drv_event_sink sink = { net_sink_fn, &seen };
    struct drv_conn *c;
    struct drv_net net;
    struct arena a;
    struct err e = { 0 };

    arena_init(&a);
    cr_assert_eq(drv_open("test:///default", 0, &sink, &a, &c, &e), 0);
    cr_assert_eq(c->ops->net_lookup_by_name(c, "default", &a, &net, &e), 0);
    cr_assert_eq(c->ops->net_destroy(c, &net, &e), 0);
    cr_assert_eq(c->ops->net_destroy(c, &net, &e), 0, "stopped again");
    cr_assert_eq(c->ops->net_create(c, &net, &e), 0);
    cr_assert_eq(seen.n, 3);
    for (int i = 0; i < 3; i++) {
        cr_assert_eq(seen.id[i], DRV_EVENT_NETWORK);
        cr_assert_str_eq(seen.name[i], "default");
    }
    cr_assert(seen.event[0] == 3 && seen.event[1] == 3 &&
              seen.event[2] == 2, "stopped, stopped, started");
    drv_close(c);
    arena_reset(&a);
}
