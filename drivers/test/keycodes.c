/*
 * keycodes.c: which key codes each codeset of virDomainSendKey knows,
 * as libvirt 9.0 knows them (its keymap tables: libvirt's test driver
 * refuses a code its codeset lacks). The ranges were read off libvirtd
 * 9.0's answers to every code 0..65535 of every codeset (none above
 * 65535 is known); they are data, not code.
 */
#include "drivers/test/test_priv.h"

struct tdrv_kc_range {
    uint16_t lo, hi;
};

static const struct tdrv_kc_range tdrv_kc_linux[] = {
    { 0, 265 }, { 272, 279 }, { 288, 299 }, { 303, 318 }, { 320, 327 },
    { 330, 337 }, { 352, 439 }, { 448, 451 }, { 464, 484 }, { 497, 506 },
    { 512, 524 },
};
static const struct tdrv_kc_range tdrv_kc_xt[] = {
    { 0, 95 }, { 99, 109 }, { 111, 121 }, { 123, 123 }, { 125, 126 },
    { 57345, 57356 }, { 57358, 57360 }, { 57362, 57385 }, { 57387, 57398 },
    { 57400, 57439 }, { 57443, 57453 }, { 57455, 57465 }, { 57467, 57467 },
    { 57469, 57469 },
};
static const struct tdrv_kc_range tdrv_kc_atset1[] = {
    { 0, 95 }, { 99, 109 }, { 111, 121 }, { 123, 123 }, { 125, 126 },
    { 57345, 57356 }, { 57358, 57360 }, { 57362, 57385 }, { 57387, 57398 },
    { 57400, 57439 }, { 57443, 57453 }, { 57455, 57465 }, { 57467, 57467 },
    { 57469, 57469 },
};
static const struct tdrv_kc_range tdrv_kc_atset2[] = {
    { 0, 1 }, { 3, 7 }, { 9, 15 }, { 17, 22 }, { 26, 30 }, { 33, 39 },
    { 41, 47 }, { 49, 55 }, { 58, 63 }, { 65, 70 }, { 73, 78 }, { 81, 82 },
    { 84, 85 }, { 88, 91 }, { 93, 93 }, { 95, 95 }, { 97, 100 }, { 102, 103 },
    { 105, 109 }, { 112, 127 }, { 131, 131 }, { 57360, 57362 },
    { 57364, 57365 }, { 57368, 57368 }, { 57375, 57377 }, { 57379, 57379 },
    { 57383, 57384 }, { 57387, 57387 }, { 57391, 57392 }, { 57394, 57394 },
    { 57396, 57396 }, { 57399, 57400 }, { 57402, 57403 }, { 57407, 57408 },
    { 57416, 57416 }, { 57418, 57418 }, { 57421, 57421 }, { 57424, 57424 },
    { 57434, 57434 }, { 57438, 57438 }, { 57449, 57449 }, { 57451, 57452 },
    { 57455, 57458 }, { 57460, 57461 }, { 57463, 57463 }, { 57465, 57466 },
    { 57469, 57469 },
};
static const struct tdrv_kc_range tdrv_kc_atset3[] = {
    { 0, 0 }, { 7, 63 }, { 65, 71 }, { 73, 79 }, { 82, 82 }, { 84, 103 },
    { 105, 118 }, { 121, 122 }, { 124, 131 }, { 133, 135 }, { 139, 142 },
    { 145, 145 }, { 147, 152 }, { 154, 163 },
};
static const struct tdrv_kc_range tdrv_kc_os_x[] = {
    { 0, 51 }, { 53, 65 }, { 67, 67 }, { 69, 69 }, { 71, 76 }, { 78, 107 },
    { 109, 111 }, { 113, 126 }, { 255, 255 },
};
static const struct tdrv_kc_range tdrv_kc_xt_kbd[] = {
    { 0, 95 }, { 99, 109 }, { 111, 121 }, { 123, 123 }, { 125, 126 },
    { 257, 268 }, { 270, 272 }, { 274, 297 }, { 299, 310 }, { 312, 351 },
    { 355, 365 }, { 367, 377 }, { 379, 379 }, { 381, 381 },
};
static const struct tdrv_kc_range tdrv_kc_usb[] = {
    { 0, 0 }, { 4, 48 }, { 50, 119 }, { 121, 125 }, { 133, 133 },
    { 135, 140 }, { 144, 148 }, { 182, 183 }, { 224, 251 },
};
static const struct tdrv_kc_range tdrv_kc_win32[] = {
    { 0, 2 }, { 4, 6 }, { 8, 9 }, { 13, 13 }, { 17, 22 }, { 26, 29 },
    { 32, 42 }, { 44, 57 }, { 65, 93 }, { 95, 135 }, { 144, 145 },
    { 160, 161 }, { 163, 163 }, { 165, 180 }, { 186, 192 }, { 219, 222 },
    { 226, 226 }, { 242, 242 }, { 250, 251 },
};
static const struct tdrv_kc_range tdrv_kc_qnum[] = {
    { 0, 95 }, { 99, 109 }, { 111, 121 }, { 123, 123 }, { 125, 126 },
    { 129, 140 }, { 142, 144 }, { 146, 169 }, { 171, 182 }, { 184, 223 },
    { 227, 237 }, { 239, 249 }, { 251, 251 }, { 253, 253 },
};

/* ("linux" is spelled out: GNU C predefines linux as a macro) */
#define TDRV_KC_SET(name, v) { name, v, sizeof(v) / sizeof(v[0]) }

static const struct {
    const char *name;
    const struct tdrv_kc_range *r;
    size_t n;
} tdrv_kc_sets[TDRV_KEYCODE_SETS] = {
    TDRV_KC_SET("linux", tdrv_kc_linux),
    TDRV_KC_SET("xt", tdrv_kc_xt),
    TDRV_KC_SET("atset1", tdrv_kc_atset1),
    TDRV_KC_SET("atset2", tdrv_kc_atset2),
    TDRV_KC_SET("atset3", tdrv_kc_atset3),
    TDRV_KC_SET("os_x", tdrv_kc_os_x),
    TDRV_KC_SET("xt_kbd", tdrv_kc_xt_kbd),
    TDRV_KC_SET("usb", tdrv_kc_usb),
    TDRV_KC_SET("win32", tdrv_kc_win32),
    TDRV_KC_SET("qnum", tdrv_kc_qnum),
};

const char *
tdrv_keycode_set_name(unsigned codeset)
{
    return codeset < TDRV_KEYCODE_SETS ? tdrv_kc_sets[codeset].name
                                       : "(null)";
}

bool
tdrv_keycode_known(unsigned codeset, unsigned code)
{
    if (codeset >= TDRV_KEYCODE_SETS)
        return false;
    for (size_t i = 0; i < tdrv_kc_sets[codeset].n; i++)
        if (code >= tdrv_kc_sets[codeset].r[i].lo &&
            code <= tdrv_kc_sets[codeset].r[i].hi)
            return true;
    return false;
}
