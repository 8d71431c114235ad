/*
 * domain_cpu.c: a domain definition's <cpu>: mode, match, check,
 * migratable, model with fallback, topology (dies default to 1) and
 * features, read and written as libvirt 9.0 does (a custom CPU with
 * nothing in it is not written). Pure.
 */
#include "drivers/test/domain_parse.h"

#include <stdlib.h>
#include <string.h>

#include "drivers/test/xmlp.h"

static const char *const tdrv_cpu_modes[] = {
    "custom", "host-model", "host-passthrough", "maximum", NULL,
};

static const char *const tdrv_cpu_matches[] = {
    "minimum", "exact", "strict", NULL,
};

static const char *const tdrv_cpu_checks[] = {
    "none", "partial", "full", NULL,
};

static const char *const tdrv_cpu_policies[] = {
    "force", "require", "optional", "disable", "forbid", NULL,
};

void
tdrv_cpu_release(struct tdrv_cpu *cpu)
{
    free(cpu->mode);
    free(cpu->match);
    free(cpu->check);
    free(cpu->migratable);
    free(cpu->model);
    free(cpu->fallback);
    for (size_t i = 0; cpu->features && i < cpu->nfeatures; i++) {
        free(cpu->features[i].policy);
        free(cpu->features[i].name);
    }
    free(cpu->features);
    memset(cpu, 0, sizeof(*cpu));
}

static int
tdrv_cpu_topology(const struct xml_node *t, struct tdrv_cpu *cpu,
                  struct err *e)
{
    if (!t)
        return 0;
    cpu->topology = true;
    cpu->dies = 1;
    return tdrv_xp_uint_attr(t, "sockets", &cpu->sockets, e) < 0 ||
           tdrv_xp_uint_attr(t, "dies", &cpu->dies, e) < 0 ||
           tdrv_xp_uint_attr(t, "cores", &cpu->cores, e) < 0 ||
           tdrv_xp_uint_attr(t, "threads", &cpu->threads, e) < 0 ? -1 : 0;
}

static int
tdrv_cpu_features(const struct xml_node *n, struct tdrv_cpu *cpu,
                  struct err *e)
{
    const struct xml_node *f;
    size_t count;
    int p;

    if (tdrv_xp_count(n, "feature", TDRV_XP_ELEMS_MAX, &count, e) < 0)
        return -1;
    if (count && !(cpu->features = calloc(count, sizeof(*cpu->features))))
        return tdrv_oom(e);
    for (f = xml_child(n, "feature"); f; f = xml_next_named(f)) {
        struct tdrv_cpu_feature *cf = &cpu->features[cpu->nfeatures++];

        p = 1;                    /* require */
        if (!tdrv_xp_required(f, "name", e) ||
            tdrv_xp_enum(f, "policy", tdrv_cpu_policies, &p, e) < 0 ||
            tdrv_xp_dup(&cf->policy, tdrv_cpu_policies[p], e) < 0 ||
            tdrv_xp_dup(&cf->name, xml_attr(f, "name"), e) < 0)
            return -1;
    }
    return 0;
}

static int
tdrv_cpu_model(const struct xml_node *n, struct tdrv_cpu *cpu,
               struct err *e)
{
    const struct xml_node *m = xml_child(n, "model");
    const char *fallback = xml_attr(m, "fallback");

    if (!m || !*xml_text(m))
        return 0;
    return tdrv_xp_dup(&cpu->model, xml_text(m), e) ||
           tdrv_xp_dup(&cpu->fallback, fallback ? fallback : "allow", e)
           ? -1 : 0;
}

int
tdrv_cpu_parse(const struct xml_node *root, struct tdrv_cpu *cpu,
               struct err *e)
{
    const struct xml_node *n = xml_child(root, "cpu");
    const char *mode = xml_attr(n, "mode");
    int match = 1, check;

    if (!n)
        return 0;
    if (mode && tdrv_xp_index(tdrv_cpu_modes, mode) < 0) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_CPU,
                "Invalid mode attribute '%s'", mode);
        return -1;
    }
    if (tdrv_xp_enum(n, "match", tdrv_cpu_matches, &match, e) < 0 ||
        tdrv_xp_enum(n, "check", tdrv_cpu_checks, &check, e) < 0 ||
        tdrv_xp_dup(&cpu->mode, mode ? mode : "custom", e) < 0 ||
        tdrv_xp_dup(&cpu->match, tdrv_cpu_matches[match], e) < 0 ||
        tdrv_xp_dup(&cpu->check, xml_attr(n, "check"), e) < 0 ||
        tdrv_xp_dup(&cpu->migratable, xml_attr(n, "migratable"), e) < 0 ||
        tdrv_cpu_model(n, cpu, e) < 0 ||
        tdrv_cpu_topology(xml_child(n, "topology"), cpu, e) < 0)
        return -1;
    if (!cpu->model && strcmp(cpu->mode, "custom") == 0 &&
        xml_child(n, "feature")) {
        err_set(e, ERR_XML_ERROR, ERRDOM_CPU,
                "Non-empty feature list specified without CPU model");
        return -1;
    }
    return tdrv_cpu_features(n, cpu, e);
}

int
tdrv_cpu_copy(struct tdrv_cpu *to, const struct tdrv_cpu *from)
{
    struct err e = { 0 };
    bool oom;

    *to = *from;
    to->mode = to->match = to->check = to->migratable = NULL;
    to->model = to->fallback = NULL;
    to->features = NULL;
    to->nfeatures = 0;
    if (from->features &&
        !(to->features = calloc(from->nfeatures, sizeof(*to->features))))
        return -1;
    oom = tdrv_xp_dup(&to->mode, from->mode, &e) ||
          tdrv_xp_dup(&to->match, from->match, &e) ||
          tdrv_xp_dup(&to->check, from->check, &e) ||
          tdrv_xp_dup(&to->migratable, from->migratable, &e) ||
          tdrv_xp_dup(&to->model, from->model, &e) ||
          tdrv_xp_dup(&to->fallback, from->fallback, &e);
    for (size_t i = 0; !oom && i < from->nfeatures; i++) {
        to->nfeatures++;
        oom = tdrv_xp_dup(&to->features[i].policy,
                          from->features[i].policy, &e) ||
              tdrv_xp_dup(&to->features[i].name, from->features[i].name,
                          &e);
    }
    err_release(&e);
    return oom ? -1 : 0;
}

static void
tdrv_cpu_children(struct xmlw *w, const struct tdrv_cpu *cpu)
{
    if (cpu->model) {
        xmlw_start(w, "model");
        xmlw_attr(w, "fallback", cpu->fallback);
        xmlw_text(w, "model", "%s", cpu->model);
    }
    if (cpu->topology) {
        xmlw_start(w, "topology");
        xmlw_attrf(w, "sockets", "%u", cpu->sockets);
        xmlw_attrf(w, "dies", "%u", cpu->dies);
        xmlw_attrf(w, "cores", "%u", cpu->cores);
        xmlw_attrf(w, "threads", "%u", cpu->threads);
        xmlw_empty(w);
    }
    for (size_t i = 0; i < cpu->nfeatures; i++) {
        xmlw_start(w, "feature");
        xmlw_attr(w, "policy", cpu->features[i].policy);
        xmlw_attr(w, "name", cpu->features[i].name);
        xmlw_empty(w);
    }
}

void
tdrv_cpu_format(struct xmlw *w, const struct tdrv_cpu *cpu)
{
    bool custom = !cpu->mode || strcmp(cpu->mode, "custom") == 0;
    bool body = cpu->model || cpu->topology || cpu->nfeatures;

    if (!cpu->mode || (custom && !body))
        return;
    xmlw_start(w, "cpu");
    if (!custom || cpu->model)
        xmlw_attr(w, "mode", cpu->mode);
    if (custom && cpu->model)
        xmlw_attr(w, "match", cpu->match);
    if (cpu->check)
        xmlw_attr(w, "check", cpu->check);
    if (cpu->migratable)
        xmlw_attr(w, "migratable", cpu->migratable);
    if (!body) {
        xmlw_empty(w);
        return;
    }
    xmlw_open(w);
    tdrv_cpu_children(w, cpu);
    xmlw_close(w, "cpu");
}
