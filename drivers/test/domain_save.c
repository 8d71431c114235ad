/*
 * domain_save.c: save images and core dumps of the test driver, as
 * libvirt 9.0's test driver makes them. An image is "TestGuestMagic" with
 * its NUL (15 bytes), the XML's length as a native int, then the domain
 * XML with its secrets; a core dump is the 15 magic bytes alone. So an
 * image written by libvirtd's test driver restores in virtd, and the
 * other way round.
 *
 * Worker threads. The files are opened, read and written without the
 * state lock: a path that blocks (a FIFO nobody opens, a hung mount) holds
 * up the one worker that asked, never the other calls. A domain that
 * stopped while its image was written is not stopped twice: the save
 * fails as if it had not been running, and its image is removed.
 */
#include "drivers/test/domain_parse.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TDRV_MAGIC          "TestGuestMagic"
#define TDRV_MAGIC_LEN      sizeof(TDRV_MAGIC)    /* with the NUL: 15 */
#define TDRV_IMAGE_XML_MAX  8192                  /* on reading */

#define TDRV_SAVE_RUNNING   2u        /* VIR_DOMAIN_SAVE_RUNNING, _PAUSED */
#define TDRV_SAVE_PAUSED    4u
#define TDRV_DUMP_CRASH     1u        /* VIR_DUMP_CRASH */
#define TDRV_DUMP_RAW       0u        /* VIR_DOMAIN_CORE_DUMP_FORMAT_RAW */
#define TDRV_IMAGE_SECURE   1u        /* VIR_DOMAIN_SAVE_IMAGE_XML_SECURE */

/* Up to @n bytes into @buf, across short reads; the count read, short at
 * the end of the file. -1 with errno on an error. */
static ssize_t
tdrv_read_full(int fd, void *buf, size_t n)
{
    size_t got = 0;

    while (got < n) {
        ssize_t r = read(fd, (char *)buf + got, n - got);

        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0)
            break;
        got += (size_t)r;
    }
    return (ssize_t)got;
}

static int
tdrv_write_full(int fd, const void *buf, size_t n)
{
    size_t done = 0;

    while (done < n) {
        ssize_t w = write(fd, (const char *)buf + done, n - done);

        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return -1;
        done += (size_t)w;
    }
    return 0;
}

/*
 * Read exactly @n bytes or report "@what in '@path'" with the reason.
 * libvirt prints its thread's stale errno when the file simply ends (a
 * leftover of whatever failed last there); virtd says the file ended.
 */
static int
tdrv_read_part(int fd, void *buf, size_t n, const char *what,
               const char *path, struct err *e)
{
    ssize_t r = tdrv_read_full(fd, buf, n);

    if (r == (ssize_t)n)
        return 0;
    if (r < 0)
        err_set(e, ERR_SYSTEM_ERROR, ERRDOM_TEST, "%s in '%s': %s", what,
                path, strerror(errno));
    else
        err_set(e, ERR_SYSTEM_ERROR, ERRDOM_TEST,
                "%s in '%s': unexpected end of file", what, path);
    return -1;
}

/* testDomainSaveImageOpen: the XML of the image at @path (malloc'ed). */
static char *
tdrv_image_read(const char *path, struct err *e)
{
    char magic[TDRV_MAGIC_LEN], *xml = NULL;
    int fd, len;

    /* libvirt's system errors: "what: strerror(errno)", SYSTEM_ERROR */
    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
        err_set(e, ERR_SYSTEM_ERROR, ERRDOM_TEST,
                "cannot read domain image '%s': %s", path, strerror(errno));
        return NULL;
    }
    if (tdrv_read_part(fd, magic, sizeof(magic), "incomplete save header",
                       path, e) < 0)
        goto fail;
    if (memcmp(magic, TDRV_MAGIC, sizeof(magic)) != 0) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_TEST,
                "mismatched header magic");
        goto fail;
    }
    if (tdrv_read_part(fd, &len, sizeof(len), "failed to read metadata "
                       "length", path, e) < 0)
        goto fail;
    if (len < 1 || len > TDRV_IMAGE_XML_MAX) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_TEST,
                "length of metadata out of range");
        goto fail;
    }
    if (!(xml = malloc((size_t)len + 1))) {
        tdrv_oom(e);
        goto fail;
    }
    if (tdrv_read_part(fd, xml, (size_t)len, "incomplete metadata", path,
                       e) < 0)
        goto fail;
    xml[len] = '\0';
    close(fd);
    return xml;

fail:
    free(xml);
    close(fd);
    return NULL;
}

/* testDomainSaveImageWrite: @xml (of domain @name) as the image at @path;
 * a failed write leaves no file. */
static int
tdrv_image_write(const char *path, const char *name, const char *xml,
                 struct err *e)
{
    int len = (int)strlen(xml);
    int fd;

    if ((fd = open(path, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC,
                   S_IRUSR | S_IWUSR)) < 0) {
        err_set(e, ERR_SYSTEM_ERROR, ERRDOM_TEST, "saving domain '%s' to "
                "'%s': open failed: %s", name, path, strerror(errno));
        return -1;
    }
    if (tdrv_write_full(fd, TDRV_MAGIC, TDRV_MAGIC_LEN) < 0 ||
        tdrv_write_full(fd, &len, sizeof(len)) < 0 ||
        tdrv_write_full(fd, xml, (size_t)len) < 0 || close(fd) < 0) {
        int err = errno;

        close(fd);    /* EBADF after a failed close: harmless */
        unlink(path);
        err_set(e, ERR_SYSTEM_ERROR, ERRDOM_TEST, "saving domain '%s' to "
                "'%s': write failed: %s", name, path, strerror(err));
        return -1;
    }
    return 0;
}

/* @def as an image's XML (libvirt writes the secrets), malloc'ed. */
static char *
tdrv_image_xml(const struct tdrv_domdef *def, int id, struct err *e)
{
    struct xmlw w;
    char *xml;

    xmlw_init(&w);
    tdrv_domdef_format(&w, def, id, true);
    if (!(xml = xmlw_finish(&w)))
        tdrv_oom(e);
    return xml;
}

/* The checks of testDomainSaveFlags and testDomainRestoreFlags. */
static int
tdrv_save_args(const char *func, const char *dxml, unsigned flags,
               struct err *e)
{
    if (drv_flags_unsupported(e, ERRDOM_TEST, func, flags, 0))
        return -1;
    if (dxml) {
        err_set(e, ERR_ARGUMENT_UNSUPPORTED, ERRDOM_TEST,
                "xml modification unsupported");
        return -1;
    }
    return 0;
}

/*
 * The domain @d still running as @id after a file was written: lock the
 * state and return it, else unlock, set "domain is not running" and
 * return NULL.
 */
static struct tdrv_dom *
tdrv_dom_relock(struct drv_conn *c, const struct drv_dom *d, int id,
                struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_dom *dom;

    pthread_mutex_lock(&st->lock);
    dom = tdrv_dom_find_uuid(st, d->uuid);
    if (dom && tdrv_dom_active(dom) && dom->id == id)
        return dom;
    pthread_mutex_unlock(&st->lock);
    err_set(e, ERR_OPERATION_INVALID, ERRDOM_DOMAIN, "domain is not running");
    return NULL;
}

/* testDomainSaveFlags: the image of the live definition, then the domain
 * shut off with reason "saved" (a transient one goes away). */
int
tdrv_dom_save(struct drv_conn *c, const struct drv_dom *d, const char *path,
              const char *dxml, unsigned flags, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_dom *dom;
    char *xml, *name;
    int id;

    if (tdrv_save_args("testDomainSaveFlags", dxml, flags, e) < 0)
        return -1;
    if (!(dom = tdrv_dom_lock_active(c, d, 0, 0, "testDomainSaveFlags", e)))
        return -1;
    id = dom->id;
    xml = tdrv_image_xml(dom->def, id, e);
    name = strdup(dom->def->name);
    tdrv_dom_unlock(c);
    if (!xml || !name) {
        free(xml);
        free(name);
        return xml ? tdrv_oom(e) : -1;
    }
    if (tdrv_image_write(path, name, xml, e) < 0) {
        free(xml);
        free(name);
        return -1;
    }
    free(xml);
    free(name);
    if (!(dom = tdrv_dom_relock(c, d, id, e))) {
        unlink(path);
        return -1;
    }
    tdrv_dom_stop(st, dom, TDRV_SHUTOFF_SAVED, TDRV_STOPPED_SAVED);
    pthread_mutex_unlock(&st->lock);
    tdrv_event_flush(st);
    return 0;
}

/* testDomainRestoreFlags */
int
tdrv_dom_restore(struct drv_conn *c, const char *path, const char *dxml,
                 unsigned flags, struct err *e)
{
    char *xml;
    int rc;

    if (tdrv_save_args("testDomainRestoreFlags", dxml, flags, e) < 0 ||
        !(xml = tdrv_image_read(path, e)))
        return -1;
    rc = tdrv_dom_restore_xml(c, xml, e);
    free(xml);
    return rc;
}

/* testDomainSaveImageGetXMLDesc: the image's definition, secrets
 * included whatever the flags say, as libvirt's. */
int
tdrv_save_image_get_xml(struct drv_conn *c, const char *path, unsigned flags,
                        struct arena *a, char **out, struct err *e)
{
    struct tdrv_domdef *def;
    struct xmlw w;
    char *xml;
    int rc;

    (void)c;
    if (drv_flags_unsupported(e, ERRDOM_TEST, "testDomainSaveImageGetXMLDesc",
                              flags, TDRV_IMAGE_SECURE) ||
        !(xml = tdrv_image_read(path, e)))
        return -1;
    rc = tdrv_domdef_parse(xml, &def, e);
    free(xml);
    if (rc < 0)
        return -1;
    xmlw_init(&w);
    tdrv_domdef_format(&w, def, -1, true);
    tdrv_domdef_free(def);
    return tdrv_xml_result(&w, a, out, e);
}

/* testDomainSaveImageDefineXML: an image that reads back, rewritten with
 * @dxml's definition. */
int
tdrv_save_image_define_xml(struct drv_conn *c, const char *path,
                           const char *dxml, unsigned flags, struct err *e)
{
    struct tdrv_domdef *def;
    char *xml;
    int rc;

    (void)c;
    if (drv_flags_unsupported(e, ERRDOM_TEST, "testDomainSaveImageDefineXML",
                              flags, TDRV_SAVE_RUNNING | TDRV_SAVE_PAUSED) ||
        !(xml = tdrv_image_read(path, e)))
        return -1;
    free(xml);
    if (tdrv_domdef_parse(dxml, &def, e) < 0)
        return -1;
    if (!(xml = tdrv_image_xml(def, -1, e))) {
        tdrv_domdef_free(def);
        return -1;
    }
    rc = tdrv_image_write(path, def->name, xml, e);
    free(xml);
    tdrv_domdef_free(def);
    return rc;
}

/*
 * testDomainCoreDumpWithFormat: the magic alone at @path; a format other
 * than raw is refused after the file is written, as libvirt's; CRASH
 * leaves the domain shut off with reason "crashed".
 */
int
tdrv_dom_core_dump(struct drv_conn *c, const struct drv_dom *d,
                   const char *path, unsigned format, unsigned flags,
                   struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_dom *dom;
    int fd, id;

    if (!(dom = tdrv_dom_lock_active(c, d, flags, TDRV_DUMP_CRASH,
                                     "testDomainCoreDumpWithFormat", e)))
        return -1;
    id = dom->id;
    tdrv_dom_unlock(c);
    if ((fd = open(path, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC,
                   S_IRUSR | S_IWUSR)) < 0) {
        err_set(e, ERR_SYSTEM_ERROR, ERRDOM_TEST, "domain '%s' coredump: "
                "failed to open %s: %s", d->name, path, strerror(errno));
        return -1;
    }
    if (tdrv_write_full(fd, TDRV_MAGIC, TDRV_MAGIC_LEN) < 0) {
        err_set(e, ERR_SYSTEM_ERROR, ERRDOM_TEST, "domain '%s' coredump: "
                "failed to write header to %s: %s", d->name, path,
                strerror(errno));
        close(fd);
        return -1;
    }
    if (close(fd) < 0) {
        err_set(e, ERR_SYSTEM_ERROR, ERRDOM_TEST, "domain '%s' coredump: "
                "write failed: %s: %s", d->name, path, strerror(errno));
        return -1;
    }
    if (format != TDRV_DUMP_RAW) {
        err_set(e, ERR_OPERATION_UNSUPPORTED, ERRDOM_TEST,
                "kdump-compressed format is not supported here");
        return -1;
    }
    if (!(flags & TDRV_DUMP_CRASH))
        return 0;
    if (!(dom = tdrv_dom_relock(c, d, id, e)))
        return -1;
    tdrv_dom_stop(st, dom, TDRV_SHUTOFF_CRASHED, TDRV_STOPPED_CRASHED);
    pthread_mutex_unlock(&st->lock);
    tdrv_event_flush(st);
    return 0;
}
