/*
 * prog.c: procedure table lookups (prog.h).
 */
#include "rpc/prog.h"

#include <strings.h>

const struct rpc_proc *
rpc_prog_find(const struct rpc_prog *p, int32_t num)
{
    size_t lo = 0, hi = p->nprocs;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (p->procs[mid].num == num)
            return &p->procs[mid];
        if (p->procs[mid].num < num)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const struct rpc_proc *
rpc_prog_find_name(const struct rpc_prog *p, const char *name)
{
    for (size_t i = 0; i < p->nprocs; i++)
        if (strcasecmp(p->procs[i].name, name) == 0)
            return &p->procs[i];
    return NULL;
}
