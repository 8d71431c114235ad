/*
 * admin_param.c: typed parameters of the ADMIN program: the checks libvirtd
 * applies to the parameters of a set call, and filling reply parameters.
 * Worker threads; no shared state.
 */
#include "rpc/admin_priv.h"

#include <string.h>

static const char *const adm_type_names[] = {
    "unknown", "int", "uint", "llong", "ullong", "double", "boolean",
    "string",
};

static const char *
adm_type_name(int64_t type)
{
    size_t n = sizeof(adm_type_names) / sizeof(adm_type_names[0]);

    return type > 0 && (uint64_t)type < n ? adm_type_names[type]
                                          : adm_type_names[0];
}

/* idx[] = 0..n-1 ordered by field name, equal names kept in their order
 * (n is at most ADM_PARAMS_MAX: insertion sort). */
static void
adm_sort_names(const struct xval *p, uint32_t n, uint32_t *idx)
{
    for (uint32_t i = 0; i < n; i++) {
        uint32_t j = i;

        for (; j > 0 && strcmp(p[idx[j - 1]].s, p[i].s) > 0; j--)
            idx[j] = idx[j - 1];
        idx[j] = i;
    }
}

/* Walk the sorted names against the sorted keys, both ascending: a name
 * that matches no key is left behind when the keys run out. */
int
adm_params_check(struct err *e, const struct xval *p, uint32_t n,
                 const struct adm_key *keys, size_t nkeys)
{
    uint32_t idx[ADM_PARAMS_MAX];
    const char *last = NULL;
    uint32_t i = 0;
    size_t j = 0;

    if (n > ADM_PARAMS_MAX) {
        err_set(e, ERR_RPC, ERRDOM_RPC,
                "too many parameters '%u' for limit '%d'", n, ADM_PARAMS_MAX);
        return -1;
    }
    adm_sort_names(p, n, idx);
    while (i < n && j < nkeys) {
        const struct xval *v = &p[idx[i]];

        if (strcmp(v->s, keys[j].name) != 0) {
            j++;
            continue;
        }
        if (last && strcmp(last, v->s) == 0) {
            err_set(e, ERR_INVALID_ARG, ERRDOM_NONE,
                    "parameter '%s' occurs multiple times", v->s);
            return -1;
        }
        if (v->j != keys[j].type) {
            err_set(e, ERR_INVALID_ARG, ERRDOM_NONE,
                    "invalid type '%s' for parameter '%s', expected '%s'",
                    adm_type_name(v->j), v->s, adm_type_name(keys[j].type));
            return -1;
        }
        last = v->s;
        i++;
    }
    if (i < n) {
        err_set(e, ERR_ARGUMENT_UNSUPPORTED, ERRDOM_NONE,
                "parameter '%s' not supported", p[idx[i]].s);
        return -1;
    }
    return 0;
}

bool
adm_param_uint(const struct xval *p, uint32_t n, const char *name,
               unsigned *v)
{
    for (uint32_t i = 0; i < n; i++) {
        if (strcmp(p[i].s, name) == 0) {
            *v = (unsigned)p[i].i;
            return true;
        }
    }
    return false;
}

static void
adm_param_set(struct xval *v, const char *name, int type, int64_t val)
{
    memset(v, 0, sizeof(*v));
    v->present = true;
    v->s = name;
    v->j = type;
    v->i = val;
}

void
adm_param_set_uint(struct xval *v, const char *name, unsigned val)
{
    adm_param_set(v, name, ADM_PARAM_UINT, val);
}

void
adm_param_set_int(struct xval *v, const char *name, int val)
{
    adm_param_set(v, name, ADM_PARAM_INT, val);
}

void
adm_param_set_bool(struct xval *v, const char *name, bool val)
{
    adm_param_set(v, name, ADM_PARAM_BOOLEAN, val);
}

void
adm_param_set_string(struct xval *v, const char *name, const char *s)
{
    adm_param_set(v, name, ADM_PARAM_STRING, 0);
    v->s2 = s;
}
