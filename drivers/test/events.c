/*
 * events.c: the test driver's domain, network and storage pool events.
 *
 * A call that changes a domain queues the event while it holds the state
 * lock, so the queue has the events in the order the state changed. After
 * releasing the lock it flushes: under ev_lock it takes the whole queue
 * and hands each event to the sink of every connection open on the state
 * (libvirt shares one event state among all test:///default clients).
 * Since taking and delivering both happen under ev_lock, events come out
 * in queue order whichever thread delivers them, and a connection being
 * closed waits for a delivery in progress (tdrv_conns_each).
 *
 * Sinks only queue a message (rpc/remote_event.c); they never call back
 * into the driver.
 */
#include "drivers/test/test_priv.h"

#include <stdlib.h>
#include <string.h>

#define TDRV_EVENT_ID_LIFECYCLE 0

void
tdrv_events_free(struct tdrv_event *ev)
{
    while (ev) {
        struct tdrv_event *next = ev->next;

        free((char *)ev->dom.name);
        free(ev);
        ev = next;
    }
}

static void
tdrv_event_append(struct tdrv_state *st, int event_id, const char *name,
                  const uint8_t *uuid, int id, int event, int detail)
{
    struct tdrv_event *ev = calloc(1, sizeof(*ev));

    /* out of memory: the event is lost, the state change stands (as
     * when libvirt fails to allocate one) */
    if (!ev || !(ev->dom.name = strdup(name))) {
        free(ev);
        return;
    }
    ev->event_id = event_id;
    memcpy(ev->dom.uuid, uuid, DRV_UUID_LEN);
    ev->dom.id = id;
    ev->event = event;
    ev->detail = detail;
    if (st->evq_tail)
        st->evq_tail->next = ev;
    else
        st->evq_head = ev;
    st->evq_tail = ev;
}

void
tdrv_event_queue(struct tdrv_state *st, const struct tdrv_dom *dom, int id,
                 int event, int detail)
{
    tdrv_event_append(st, TDRV_EVENT_ID_LIFECYCLE, dom->def->name,
                      dom->def->uuid, id, event, detail);
}

void
tdrv_event_queue_id(struct tdrv_state *st, const struct tdrv_dom *dom,
                    int event_id, int value)
{
    tdrv_event_append(st, event_id, dom->def->name, dom->def->uuid, dom->id,
                      value, 0);
}

void
tdrv_net_event_queue(struct tdrv_state *st, const struct tdrv_obj *net,
                     int event)
{
    tdrv_event_append(st, DRV_EVENT_NETWORK + TDRV_EVENT_ID_LIFECYCLE,
                      net->name, net->uuid, -1, event, 0);
}

void
tdrv_pool_event_queue(struct tdrv_state *st, const struct tdrv_obj *pool,
                      int event_id, int event)
{
    tdrv_event_append(st, DRV_EVENT_STORAGE_POOL + event_id, pool->name,
                      pool->uuid, -1, event, 0);
}

void
tdrv_nodedev_event_queue(struct tdrv_state *st, const char *name, int event)
{
    uint8_t key[DRV_UUID_LEN];

    drv_nodedev_key(name, key);
    tdrv_event_append(st, DRV_EVENT_NODEDEV, name, key, -1, event, 0);
}

static void
tdrv_event_deliver(struct tdrv_conn *tc, void *opaque)
{
    const struct tdrv_event *ev = opaque;

    if (tc->sink.fn)
        tc->sink.fn(tc->sink.opaque, ev->event_id, &ev->dom, ev->event,
                    ev->detail);
}

void
tdrv_event_flush(struct tdrv_state *st)
{
    struct tdrv_event *list;

    pthread_mutex_lock(&st->ev_lock);
    pthread_mutex_lock(&st->lock);
    list = st->evq_head;
    st->evq_head = st->evq_tail = NULL;
    pthread_mutex_unlock(&st->lock);
    for (struct tdrv_event *ev = list; ev; ev = ev->next)
        tdrv_conns_each(st, tdrv_event_deliver, ev);
    pthread_mutex_unlock(&st->ev_lock);
    tdrv_events_free(list);
}
