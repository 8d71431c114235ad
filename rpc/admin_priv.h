/*
 * admin_priv.h: what the files of the ADMIN program share: rpc/admin.c
 * (procedure table and handlers), rpc/admin_param.c (typed parameters)
 * and rpc/admin_log.c (logging settings). Not an API: include only from
 * those and from their unit test.
 *
 * Everything here runs on an admin worker and touches only its arguments:
 * no shared state, no locks.
 */
#ifndef VIRTD_RPC_ADMIN_PRIV_H
#define VIRTD_RPC_ADMIN_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "drivers/driver.h"
#include "rpc/xdr.h"

/* virTypedParameterType values (protocol.md §2.4). */
enum {
    ADM_PARAM_INT = 1,
    ADM_PARAM_UINT = 2,
    ADM_PARAM_LLONG = 3,
    ADM_PARAM_ULLONG = 4,
    ADM_PARAM_DOUBLE = 5,
    ADM_PARAM_BOOLEAN = 6,
    ADM_PARAM_STRING = 7,
};

/*
 * libvirt's virTypedParamsValidate() over @p[0..n) (T values), with
 * drv_tparams_check's errors and order (drivers/driver.h); @keys sorted
 * by strcmp. 0, or -1 with @e set.
 */
int adm_params_check(struct err *e, const struct xval *p, uint32_t n,
                     const struct drv_tparam_key *keys, size_t nkeys);

/* The value of the parameter named @name (already checked to be a UINT):
 * true and *v, or false when @p has none. */
bool adm_param_uint(const struct xval *p, uint32_t n, const char *name,
                    unsigned *v);

/* Fill @v as a typed parameter. @name and @s must outlive the reply. */
void adm_param_set_uint(struct xval *v, const char *name, unsigned val);
void adm_param_set_int(struct xval *v, const char *name, int val);
void adm_param_set_bool(struct xval *v, const char *name, bool val);
void adm_param_set_string(struct xval *v, const char *name, const char *s);

/*
 * Check a log_filters / log_outputs string as libvirtd parses it (tokens
 * separated by single spaces, fields by ':'), with libvirtd's messages
 * (INVALID_ARG, no domain), e.g. "Invalid priority '9' for filter '9:rpc'".
 * On success *norm is a malloc'ed canonical form of the same settings for
 * log_set_filters() / log_set_outputs() ("" for none). 0, -1 with @e set,
 * or -ENOMEM.
 */
int adm_log_filters(const char *text, struct err *e, char **norm);
int adm_log_outputs(const char *text, struct err *e, char **norm);

#endif
