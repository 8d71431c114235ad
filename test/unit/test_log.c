/*
 * test_log.c: filter/output parsing, get round-trips, emission rules,
 * file outputs, reopen, and lines that never interleave across threads.
 *
 * Criterion runs each test in its own process, so every test starts from
 * the default settings.
 */
#include <criterion/criterion.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"

static char dir[PATH_MAX];          /* realpath of a fresh temp dir */

static void
make_dir(void)
{
    char tmpl[] = "/tmp/test_log_XXXXXX";

    cr_assert_not_null(mkdtemp(tmpl));
    cr_assert_not_null(realpath(tmpl, dir));
}

static void
check_str(char *got, const char *want, unsigned count, unsigned want_count)
{
    cr_assert_not_null(got);
    cr_assert_str_eq(got, want);
    cr_assert_eq(count, want_count, "count %u, want %u", count, want_count);
    free(got);
}

static void
check_filters(const char *want, unsigned want_count)
{
    unsigned n = 99;
    char *got = log_get_filters(&n);

    check_str(got, want, n, want_count);
}

static void
check_outputs(const char *want, unsigned want_count)
{
    unsigned n = 99;
    char *got = log_get_outputs(&n);

    check_str(got, want, n, want_count);
}

/* Whole file as a string (malloc'ed). */
static char *
slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    char *buf = calloc(1, 1 << 22);
    size_t n;

    cr_assert_not_null(f, "open %s", path);
    cr_assert_not_null(buf);
    n = fread(buf, 1, (1 << 22) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static int
count_lines(const char *s)
{
    int n = 0;

    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* Make a temp dir and set the outputs to "@prio:file:DIR/@name";
 * the file's path goes to @path (PATH_MAX). */
static void
use_file_output(int prio, const char *name, char *path)
{
    char spec[PATH_MAX + 16];

    make_dir();
    cr_assert_lt(snprintf(path, PATH_MAX, "%.*s/%s", PATH_MAX / 2, dir,
                          name), PATH_MAX);
    snprintf(spec, sizeof(spec), "%d:file:%.*s", prio, PATH_MAX, path);
    cr_assert_eq(log_set_outputs(spec), 0);
}

/* Remove the temp dir and the log files in it. */
static void
remove_dir(void)
{
    DIR *d = dir[0] ? opendir(dir) : NULL;
    struct dirent *e;

    if (!d)
        return;
    while ((e = readdir(d)))
        unlinkat(dirfd(d), e->d_name, 0);
    closedir(d);
    rmdir(dir);
}

TestSuite(log, .fini = remove_dir, .timeout = 10);

Test(log, defaults)
{
    cr_assert_eq(log_get_level(), 3);
    check_outputs("3:stderr", 1);
    check_filters("", 0);
    free(log_get_filters(NULL));     /* count is optional */
    free(log_get_outputs(NULL));
}

Test(log, level_moves_default_output)
{
    cr_assert_eq(log_set_level(1), 0);
    cr_assert_eq(log_get_level(), 1);
    check_outputs("1:stderr", 1);
    cr_assert_eq(log_set_level(0), -EINVAL);
    cr_assert_eq(log_set_level(5), -EINVAL);
    cr_assert_eq(log_get_level(), 1);
    /* Explicit outputs keep their own thresholds. */
    cr_assert_eq(log_set_outputs("2:stderr"), 0);
    cr_assert_eq(log_set_level(4), 0);
    check_outputs("2:stderr", 1);
    /* "" restores the default, at the current level. */
    cr_assert_eq(log_set_outputs(""), 0);
    check_outputs("4:stderr", 1);
}

Test(log, filters_round_trip)
{
    /* libvirtd prints filters as globs, each followed by a space. */
    cr_assert_eq(log_set_filters("1:rpc 3:util.foo\t 4:+bar  2:a*b?c"), 0);
    check_filters("1:*rpc* 3:*util.foo* 4:*bar* 2:*a*b?c* ", 4);
    cr_assert_eq(log_set_filters(NULL), 0);
    check_filters("", 0);
    cr_assert_eq(log_set_filters("  1:x  "), 0);
    check_filters("1:*x* ", 1);
    cr_assert_eq(log_set_filters(""), 0);
    check_filters("", 0);
}

Test(log, bad_filters_keep_old_settings)
{
    static const char *bad[] = {
        "5:rpc", "0:rpc", "1:", "1", "x:rpc", "1:a:b", "1:rpc 9:x", ":rpc",
        "11:rpc", "1:+", "1rpc",
    };

    cr_assert_eq(log_set_filters("2:keep"), 0);
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        cr_assert_eq(log_set_filters(bad[i]), -EINVAL, "accepted '%s'",
                     bad[i]);
        check_filters("2:*keep* ", 1);
    }
}

Test(log, outputs_round_trip)
{
    char want[PATH_MAX * 2];
    char spec[PATH_MAX * 2];

    make_dir();
    snprintf(spec, sizeof(spec),
             "3:stderr 1:file:%s/x.log 2:syslog:virtd 4:journald", dir);
    cr_assert_eq(log_set_outputs(spec), 0);
    check_outputs(spec, 4);
    snprintf(want, sizeof(want), "%s/x.log", dir);
    cr_assert_eq(access(want, W_OK), 0, "file output not created");

    /* An empty syslog ident is accepted, as libvirtd does. */
    cr_assert_eq(log_set_outputs("3:syslog:"), 0);
    check_outputs("3:syslog:", 1);
    cr_assert_eq(log_set_outputs(NULL), 0);
    check_outputs("3:stderr", 1);
}

Test(log, relative_file_and_duplicates)
{
    char want[PATH_MAX * 2];
    char spec[PATH_MAX * 2];

    make_dir();
    cr_assert_eq(chdir(dir), 0);
    cr_assert_eq(log_set_outputs("2:file:./rel.log"), 0);
    snprintf(want, sizeof(want), "2:file:%s/rel.log", dir);
    check_outputs(want, 1);

    /* The same destination twice: the later one wins. */
    cr_assert_eq(log_set_outputs("3:stderr   1:stderr"), 0);
    check_outputs("1:stderr", 1);
    snprintf(spec, sizeof(spec), "1:file:%s/a.log 4:stderr 3:file:a.log",
             dir);
    cr_assert_eq(log_set_outputs(spec), 0);
    snprintf(want, sizeof(want), "4:stderr 3:file:%s/a.log", dir);
    check_outputs(want, 2);
}

Test(log, bad_outputs_keep_old_settings)
{
    static const char *bad[] = {
        "3:stderr:x", "3:file", "0:stderr", "5:stderr", "3:foo",
        "3:STDERR", "3:file:/x:y", "3:journald:x", "3:file:", "3",
        "stderr", "3:stderr 3:bogus", "3:syslog",
    };

    cr_assert_eq(log_set_outputs("2:stderr"), 0);
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        cr_assert_eq(log_set_outputs(bad[i]), -EINVAL, "accepted '%s'",
                     bad[i]);
        check_outputs("2:stderr", 1);
    }
    /* Valid syntax, but the file cannot be opened. */
    cr_assert_eq(log_set_outputs("1:file:/nonexistent-dir/x.log"), -ENOENT);
    check_outputs("2:stderr", 1);
}

Test(log, file_output_gets_lines_at_or_above_its_level)
{
    char path[PATH_MAX];
    regex_t re;
    char *text;
    char *save = NULL;
    int n = 0;

    cr_assert_eq(log_set_level(1), 0);
    use_file_output(2, "out.log", path);
    log_msg(LOG_DEBUG, "test.src", 10, "debug %d", 1);
    log_msg(LOG_INFO, "test.src", 11, "info %d", 2);
    log_msg(LOG_WARN, "test.src", 12, "warning %s", "three");
    log_msg(LOG_ERROR, "test.src", 13, "error with newline\n");
    log_info("test.macro", "via macro");
    text = slurp(path);
    cr_assert_eq(count_lines(text), 4, "file:\n%s", text);
    cr_assert_eq(regcomp(&re,
                         "^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:"
                         "[0-9]{2}\\.[0-9]{3}\\+0000: [0-9]+: "
                         "(info|warning|error) : test\\.(src|macro):[0-9]+ "
                         ": [a-z0-9 ]+$", REG_EXTENDED | REG_NOSUB), 0);
    for (char *l = strtok_r(text, "\n", &save); l;
         l = strtok_r(NULL, "\n", &save), n++)
        cr_assert_eq(regexec(&re, l, 0, NULL, 0), 0, "bad line '%s'", l);
    cr_assert_eq(n, 4);
    regfree(&re);
    free(text);
    text = slurp(path);
    cr_assert_not_null(strstr(text, ": info : test.src:11 : info 2\n"));
    cr_assert_not_null(strstr(text, ": warning : test.src:12 : warning "
                                    "three\n"));
    cr_assert_not_null(strstr(text, ": error : test.src:13 : error with "
                                    "newline\n"));
    cr_assert_null(strstr(text, "debug"));
    free(text);
}

Test(log, filters_pick_threshold_first_match_wins)
{
    char path[PATH_MAX];
    char *text;

    use_file_output(1, "f.log", path);
    cr_assert_eq(log_set_filters("4:rpc.quiet 1:rpc 2:u?il"), 0);
    log_msg(LOG_DEBUG, "rpc.conn", 1, "A");          /* 1:rpc */
    log_msg(LOG_WARN, "rpc.quiet", 2, "B");          /* 4:rpc.quiet */
    log_msg(LOG_ERROR, "rpc.quiet", 3, "C");
    log_msg(LOG_DEBUG, "core.util", 4, "D");         /* 2:u?il */
    log_msg(LOG_INFO, "core.util", 5, "E");
    log_msg(LOG_INFO, "drivers.test", 6, "F");       /* level 3 */
    log_msg(LOG_WARN, "drivers.test", 7, "G");
    text = slurp(path);
    cr_assert_eq(count_lines(text), 4, "file:\n%s", text);
    cr_assert_not_null(strstr(text, "rpc.conn:1 : A\n"));
    cr_assert_not_null(strstr(text, "rpc.quiet:3 : C\n"));
    cr_assert_not_null(strstr(text, "core.util:5 : E\n"));
    cr_assert_not_null(strstr(text, "drivers.test:7 : G\n"));
    free(text);
}

Test(log, wants)
{
    cr_assert_eq(log_wants(LOG_DEBUG, "x"), 0);
    cr_assert_eq(log_wants(LOG_INFO, "x"), 0);
    cr_assert_eq(log_wants(LOG_WARN, "x"), 1);
    cr_assert_eq(log_set_filters("1:rpc"), 0);
    cr_assert_eq(log_wants(LOG_DEBUG, "x"), 0);         /* output is 3 */
    cr_assert_eq(log_set_outputs("1:stderr"), 0);
    cr_assert_eq(log_wants(LOG_DEBUG, "rpc.conn"), 1);
    cr_assert_eq(log_wants(LOG_DEBUG, "util"), 0);
    cr_assert_eq(log_wants(LOG_WARN, "util"), 1);
    cr_assert_eq(log_set_outputs("4:stderr"), 0);
    cr_assert_eq(log_wants(LOG_WARN, "rpc"), 0);
    cr_assert_eq(log_wants(LOG_ERROR, "rpc"), 1);
}

Test(log, long_message_is_one_cut_line)
{
    char path[PATH_MAX];
    char *big = malloc(40000);
    char *text;
    size_t len;

    use_file_output(1, "long.log", path);
    memset(big, 'x', 39999);
    big[39999] = '\0';
    log_msg(LOG_ERROR, "long", 1, "%s", big);
    big[3000] = '\0';
    log_msg(LOG_ERROR, "mid", 1, "%s", big);
    text = slurp(path);
    cr_assert_eq(count_lines(text), 2);
    len = (size_t)(strchr(text, '\n') - text) + 1;
    cr_assert_eq(len, 16384);
    cr_assert_not_null(strstr(text + len, ": mid:1 : "));
    cr_assert_eq(strlen(strstr(text + len, ": mid:1 : ")),
                 strlen(": mid:1 : ") + 3000 + 1);
    free(text);
    free(big);
}

Test(log, msg_keeps_errno)
{
    errno = EPIPE;
    log_msg(LOG_ERROR, "x", 1, "keep errno");
    cr_assert_eq(errno, EPIPE);
}

Test(log, reopen_after_rotation)
{
    char path[PATH_MAX];
    char rotated[PATH_MAX * 2];
    char *text;

    use_file_output(3, "r.log", path);
    snprintf(rotated, sizeof(rotated), "%s.1", path);
    log_msg(LOG_ERROR, "x", 1, "before");
    cr_assert_eq(rename(path, rotated), 0);
    log_reopen();
    log_msg(LOG_ERROR, "x", 2, "after");
    text = slurp(rotated);
    cr_assert_eq(count_lines(text), 1);
    cr_assert_not_null(strstr(text, "before"));
    free(text);
    text = slurp(path);
    cr_assert_eq(count_lines(text), 1);
    cr_assert_not_null(strstr(text, "after"));
    free(text);
}

Test(log, shutdown_restores_defaults)
{
    cr_assert_eq(log_set_level(2), 0);
    cr_assert_eq(log_set_filters("1:x"), 0);
    cr_assert_eq(log_set_outputs("4:journald"), 0);
    log_shutdown();
    cr_assert_eq(log_get_level(), 3);
    check_filters("", 0);
    check_outputs("3:stderr", 1);
}

/* -- threads ------------------------------------------------------------- */

enum { LOGGERS = 4, LINES = 400 };

static const char *race_spec;
static int toggle_failures;         /* asserted by the main thread */

static void *
logger(void *arg)
{
    int id = (int)(intptr_t)arg;
    char pad[1500];

    memset(pad, 'a' + id, sizeof(pad) - 1);
    pad[sizeof(pad) - 1] = '\0';
    for (int i = 0; i < LINES; i++)
        log_msg(LOG_ERROR, "race", i, "t%d %s end", id, pad);
    return NULL;
}

static void *
toggler(void *arg)
{
    (void)arg;
    for (int i = 0; i < 200; i++) {
        toggle_failures += log_set_filters(i % 2 ? "1:race" : "2:other") != 0;
        toggle_failures += log_set_level(i % 2 ? 1 : 4) != 0;
        toggle_failures += log_set_outputs(race_spec) != 0;
    }
    return NULL;
}

Test(log, threads_never_interleave_lines)
{
    char spec[PATH_MAX * 2];
    char path[PATH_MAX];
    pthread_t th[LOGGERS + 1];
    char *text;
    char *save = NULL;
    int n = 0;

    use_file_output(1, "race.log", path);
    snprintf(spec, sizeof(spec), "1:file:%.*s", PATH_MAX, path);
    race_spec = spec;
    for (int i = 0; i < LOGGERS; i++)
        pthread_create(&th[i], NULL, logger, (void *)(intptr_t)i);
    pthread_create(&th[LOGGERS], NULL, toggler, NULL);
    for (int i = 0; i <= LOGGERS; i++)
        pthread_join(th[i], NULL);
    cr_assert_eq(toggle_failures, 0);
    /* Every ERROR line passes every setting used, so all must be there,
     * each whole: one thread's letters from start to "end". */
    text = slurp(path);
    for (char *l = strtok_r(text, "\n", &save); l;
         l = strtok_r(NULL, "\n", &save), n++) {
        char *t = strstr(l, " : t");
        size_t run;

        cr_assert_not_null(t, "bad line '%.80s'", l);
        run = strspn(t + 6, (char[]){ (char)('a' + (t[4] - '0')), 0 });
        cr_assert_eq(run, 1499, "interleaved line '%.80s'", l);
        cr_assert_str_eq(t + 6 + run, " end");
    }
    cr_assert_eq(n, LOGGERS * LINES);
    free(text);
}
