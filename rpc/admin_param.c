/*
 * admin_param.c: typed parameters of the ADMIN program: the checks libvirtd
 * applies to the parameters of a set call, and filling reply parameters.
 * Worker threads; no shared state.
 */
#include "rpc/admin_priv.h"

#include <string.h>

int
adm_params_check(struct err *e, const struct xval *p, uint32_t n,
                 const struct drv_tparam_key *keys, size_t nkeys)
{
    const char *names[DRV_TPARAMS_CHECK_MAX];
    int types[DRV_TPARAMS_CHECK_MAX];

    for (uint32_t i = 0; i < n && i < DRV_TPARAMS_CHECK_MAX; i++) {
        names[i] = p[i].s;
        types[i] = (int)p[i].j;
    }
    return drv_tparams_check(e, names, types, n, keys, nkeys);
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
