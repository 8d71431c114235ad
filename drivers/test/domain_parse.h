/*
 * domain_parse.h: the test driver's <domain> XML parser (domain_parse.c,
 * domain_parse_dev.c). Pure functions; the caller owns the result.
 */
#ifndef VIRTD_DRIVERS_TEST_DOMAIN_PARSE_H
#define VIRTD_DRIVERS_TEST_DOMAIN_PARSE_H

#include "core/xml.h"
#include "drivers/test/test_priv.h"

/*
 * Parse @xml (NUL-terminated) as libvirt's inactive-definition parse does:
 * 0 and *out (free with tdrv_domdef_free), or -1 with @e set to libvirt's
 * error for the first problem found.
 */
int tdrv_domdef_parse(const char *xml, struct tdrv_domdef **out,
                      struct err *e);

/* The same for the element @root of a parsed document (a snapshot's
 * <domain>). */
int tdrv_domdef_parse_node(const struct xml_node *root,
                           struct tdrv_domdef **out, struct err *e);

/* <devices> of @root into @def, then the device post-parse steps
 * (default buses, drive addresses, implicit controllers, duplicates). */
int tdrv_parse_devices(const struct xml_node *root, struct tdrv_domdef *def,
                       struct err *e);

/* domain_parse_sys.c: <tpm>, <watchdog> and <panic> of @devs. */
int tdrv_parse_sys_devices(const struct xml_node *devs,
                           struct tdrv_domdef *def, struct err *e);
/* domain_parse_fs.c: the <filesystem> devices of @devs. */
int tdrv_parse_filesystems(const struct xml_node *devs,
                           struct tdrv_domdef *def, struct err *e);
/* An <address type='pci'> child of @node into @pci (and, for disks,
 * type='drive' into @drive, which may be NULL). */
void tdrv_parse_address(const struct xml_node *node, struct tdrv_pci *pci,
                        struct tdrv_drive *drive);

/* <cpu> of @root (nothing when absent). */
int tdrv_cpu_parse(const struct xml_node *root, struct tdrv_cpu *cpu,
                   struct err *e);

/* <serial>, <console>, <graphics> and <video> (domain_parse_gfx.c). */
int tdrv_parse_display(const struct xml_node *devs, struct tdrv_domdef *def,
                       struct err *e);

/* One cpuset attribute of a <cputune> pin (@what names the element):
 * canonical and not empty, malloc'ed; NULL with libvirt's error set. */
char *tdrv_parse_pin_set(const struct xml_node *node, const char *what,
                         struct err *e);

/* domain_parse_io.c: <iothreads>, <iothreadids> and <defaultiothread> of
 * @root (after the vCPUs), then <cputune>'s <iothreadpin>s (after the
 * other pins); the thread pool checks of libvirt's validation. */
int tdrv_parse_iothreads(const struct xml_node *root, struct tdrv_domdef *def,
                         struct err *e);
int tdrv_parse_iothreadpins(const struct xml_node *root,
                            struct tdrv_domdef *def, struct err *e);
int tdrv_iothreads_validate(const struct tdrv_domdef *def, struct err *e);

/* virDiskNameToIndex: "vdb" -> 1, "hdaa" -> 26; -1 when not a disk name. */
int tdrv_disk_index(const char *dst);

#endif
