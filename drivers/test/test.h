/*
 * test.h: the "test" hypervisor driver (libvirtd 9.0's test:///default).
 *
 * All connections to test:///default share one state: the domain "test",
 * network "default", storage pool "default-pool" and interface "eth1" as
 * libvirtd 9.0 sets them up. The state is created by the first open and
 * thrown away when the last connection closes, so the next connection
 * sees a pristine state again (domain ids restart at 2). Thread-safe: see
 * drivers/driver.h.
 */
#ifndef VIRTD_DRIVERS_TEST_TEST_H
#define VIRTD_DRIVERS_TEST_TEST_H

#include "drivers/driver.h"

extern const struct drv_ops drv_test_ops;

#endif
