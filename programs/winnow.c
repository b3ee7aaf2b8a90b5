/*
 * winnow.c - the winnow command: a Unix filter over the winnow library.
 *
 *   winnow [SUBCOMMAND] [OPTIONS] [INPUT...]
 *
 * The option table below is the single source of --help and of the man page
 * (`winnow --help-man` prints it as roff). A subcommand is a named list of
 * stages; an option row may map straight to a pipeline parameter
 * ("--profile gopher" is "--set filter.profile=gopher"), so a stage gains a
 * flag by adding a row here, not code. Uses include/winnow.h only.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "winnow.h"

enum {
    EXIT_OK = 0,
    EXIT_INPUT = 1, /* some input was bad and skipped */
    EXIT_USAGE = 2,
    EXIT_FATAL = 3 /* output error or out of memory */
};

/* ---- subcommands: a name and its stage list ---- */
typedef struct command {
    const char *name;
    const char *stages; /* comma list; stages not built into this binary are left out */
    const char *summary;
} command;

static const command commands[] = {
    {"run", "extract,utf8_repair,blank_run,clean,filter",
     "the whole pipeline (the default when no subcommand is given)"},
    {"clean", "utf8_repair,blank_run,clean", "line and span cleaning only (after UTF-8 repair)"},
    {"filter", "utf8_repair,filter", "quality filters only (--profile, --filters)"},
    {"extract", "extract", "HTML/WARC reading and main-content extraction only"},
    {"explain", NULL, "show one document with every removed span marked and why"},
    {NULL, NULL, NULL},
};

/* ---- the option table ---- */
enum opt_id {
    O_HELP = 'h',
    O_VERSION = 'V',
    O_OUTPUT = 'o',
    O_JOBS = 'j',
    O_QUIET = 'q',
    O_VERBOSE = 'v',
    O_FORMAT = 256,
    O_REJECTED,
    O_STATS,
    O_LINES,
    O_INPUT_FORMAT,
    O_MAX_DOC,
    O_MAX_LINE,
    O_STAGES,
    O_SET,
    O_NO_EVIDENCE,
    O_LIST_STAGES,
    O_HELP_MAN,
    O_MAPPED /* sets the pipeline key in .key (value: the argument, or .value) */
};

typedef struct opt {
    const char *lng;
    int shrt;
    const char *arg; /* NULL: no argument */
    int id;
    const char *key;   /* O_MAPPED: pipeline key */
    const char *value; /* O_MAPPED without argument: the value to set */
    const char *help;
} opt;

static const opt options[] = {
    {"output", 'o', "FILE", O_OUTPUT, NULL, NULL, "write kept documents to FILE (default: stdout)"},
    {"jobs", 'j', "N", O_JOBS, NULL, NULL, "worker threads (default: number of cores); output is identical for any N"},
    {"format", 0, "jsonl|text", O_FORMAT, NULL, NULL,
     "output format: JSONL with evidence (default) or plain text, one document after another"},
    {"rejected", 0, "FILE", O_REJECTED, NULL, NULL,
     "write dropped documents, with their evidence, to FILE as JSONL"},
    {"stats", 0, "FILE", O_STATS, NULL, NULL,
     "write run statistics as JSON to FILE: documents in/out/dropped by reason, bytes, spans by reason, input errors"},
    {"lines", 0, NULL, O_LINES, NULL, NULL, "text input: one document per line (default: a file is one document)"},
    {"input-format", 0, "KIND", O_INPUT_FORMAT, NULL, NULL,
     "auto (default: by content), jsonl, text, lines, html or warc"},
    {"max-doc-size", 0, "BYTES", O_MAX_DOC, NULL, NULL,
     "drop larger documents as too_large (default 16M; K/M/G suffixes)"},
    {"max-line", 0, "BYTES", O_MAX_LINE, NULL, NULL, "skip longer JSONL lines with a message (default 64M)"},
    {"stages", 0, "LIST", O_STAGES, NULL, NULL, "run these stages, comma-separated, instead of the subcommand's"},
    {"set", 0, "STAGE.PARAM=VALUE", O_SET, NULL, NULL, "set a stage parameter (repeatable); see --list-stages"},
    {"profile", 0, "NAME", O_MAPPED, "filter.profile", NULL,
     "quality filter profile: fineweb (default), gopher, c4 or none"},
    {"filters", 0, "LIST", O_MAPPED, "filter.filters", NULL,
     "run these quality filters instead of the profile's: gopher_quality, gopher_repetition, c4_quality, c4_badwords, fineweb_quality"},
    {"all-filters", 0, NULL, O_MAPPED, "filter.all", "1",
     "run every filter of the profile, and every check of each, even after one dropped the document (all values recorded)"},
    {"off", 0, "CLASSES", O_MAPPED, "clean.off", NULL,
     "clean: switch off these classes (comma-separated): spam_injection, junk_span, boilerplate, byline, lost_content, mojibake"},
    {"annotate-only", 0, NULL, O_MAPPED, "annotate_only", "1",
     "record evidence for every removal but leave the text unchanged"},
    {"no-evidence", 0, NULL, O_NO_EVIDENCE, NULL, NULL, "JSONL without the \"winnow\" evidence object"},
    {"list-stages", 0, NULL, O_LIST_STAGES, NULL, NULL, "list the stages and their parameters, then exit"},
    {"quiet", 'q', NULL, O_QUIET, NULL, NULL, "no diagnostics, no progress"},
    {"verbose", 'v', NULL, O_VERBOSE, NULL, NULL, "print a summary line at the end"},
    {"help", 'h', NULL, O_HELP, NULL, NULL, "show this help and exit"},
    {"help-man", 0, NULL, O_HELP_MAN, NULL, NULL, "print the man page (roff) and exit"},
    {"version", 'V', NULL, O_VERSION, NULL, NULL, "show the version and exit"},
    {NULL, 0, NULL, 0, NULL, NULL, NULL},
};

static const char exit_codes_text[] =
    "Exit status: 0 all input processed; 1 some input was bad and skipped (each problem\n"
    "is reported on stderr as FILE:LINE or FILE: offset N); 2 usage error; 3 fatal error\n"
    "(cannot write the output, out of memory, a mapped input file could not be read).\n";

static void print_help(FILE *f)
{
    fprintf(f, "Usage: winnow [SUBCOMMAND] [OPTIONS] [INPUT...]\n\n"
               "Turn web pages and crawled text into clean, deduplicated text, with evidence\n"
               "for every removed span and dropped document. Reads INPUT files (none or '-':\n"
               "stdin): JSONL (field \"text\"; other fields kept), text, HTML or WARC; gzip and\n"
               "zstd are recognised by their magic bytes. Writes JSONL to stdout.\n\n"
               "Subcommands:\n");
    for (const command *c = commands; c->name; c++)
        fprintf(f, "  %-10s %s\n", c->name, c->summary);
    fprintf(f, "\nOptions:\n");
    for (const opt *o = options; o->lng; o++) {
        char left[64];
        if (o->shrt)
            snprintf(left, sizeof left, "-%c, --%s%s%s", o->shrt, o->lng, o->arg ? " " : "", o->arg ? o->arg : "");
        else
            snprintf(left, sizeof left, "    --%s%s%s", o->lng, o->arg ? " " : "", o->arg ? o->arg : "");
        fprintf(f, "  %-28s %s\n", left, o->help);
    }
    fprintf(f, "\nExamples:\n"
               "  winnow crawl.jsonl.gz -o clean.jsonl --rejected dropped.jsonl --stats stats.json\n"
               "  winnow clean --format text page.txt\n"
               "  winnow explain page.txt\n\n%s",
            exit_codes_text);
}

static void print_man(void)
{
    printf(".TH WINNOW 1 \"\" \"winnow " WN_VERSION_STRING "\"\n.SH NAME\nwinnow \\- clean, "
           "filter and deduplicate web text with evidence\n.SH SYNOPSIS\n.B winnow\n[SUBCOMMAND] "
           "[OPTIONS] [INPUT...]\n.SH SUBCOMMANDS\n");
    for (const command *c = commands; c->name; c++)
        printf(".TP\n.B %s\n%s\n", c->name, c->summary);
    printf(".SH OPTIONS\n");
    for (const opt *o = options; o->lng; o++) {
        if (o->shrt)
            printf(".TP\n.BR \\-%c \", \" \\-\\-%s%s%s\n%s\n", o->shrt, o->lng, o->arg ? " " : "",
                   o->arg ? o->arg : "", o->help);
        else
            printf(".TP\n.B \\-\\-%s%s%s\n%s\n", o->lng, o->arg ? " " : "", o->arg ? o->arg : "", o->help);
    }
    printf(".SH EXIT STATUS\n%s", exit_codes_text);
}

/* Keep only the stages this binary has, so a subcommand's list can name a
 * stage that a later build adds. */
static void available_stages(const char *list, char *out, size_t outlen)
{
    out[0] = 0;
    const char *const *names = wn_stage_names();
    const char *s = list;
    while (*s) {
        const char *e = strchr(s, ',');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        for (size_t i = 0; names[i]; i++)
            if (strlen(names[i]) == len && !memcmp(names[i], s, len)) {
                size_t ol = strlen(out);
                snprintf(out + ol, outlen - ol, "%s%.*s", ol ? "," : "", (int)len, s);
            }
        if (!e)
            break;
        s = e + 1;
    }
}

static void list_stages(void)
{
    const char *const *names = wn_stage_names();
    printf("Stages, in the order the full pipeline runs them, and their parameters\n"
           "(set with --set STAGE.PARAM=VALUE):\n\n");
    for (size_t i = 0; names[i]; i++) {
        printf("%s\n    %s\n", names[i], wn_stage_summary(names[i]));
        const char *pn, *pd, *ph;
        for (size_t k = 0; !wn_stage_param(names[i], k, &pn, &pd, &ph); k++)
            printf("    %s.%s (default %s): %s\n", names[i], pn, pd && *pd ? pd : "\"\"", ph);
    }
}

/* ---- diagnostics and progress ---- */
typedef struct prog {
    int quiet, verbose, tty;
    double t0, last;
    int progress_shown;
} prog;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void on_diag(void *ud, const char *msg)
{
    prog *p = ud;
    if (p->quiet)
        return;
    if (p->progress_shown) {
        fputs("\r\033[K", stderr);
        p->progress_shown = 0;
    }
    fprintf(stderr, "winnow: %s\n", msg);
}

static void on_progress(void *ud, uint64_t docs, uint64_t bytes)
{
    prog *p = ud;
    if (p->quiet || !p->tty)
        return;
    double t = now();
    if (t - p->last < 0.5)
        return;
    p->last = t;
    double mb = (double)bytes / 1e6;
    fprintf(stderr, "\r\033[K%llu docs, %.1f MB, %.1f MB/s", (unsigned long long)docs, mb,
            mb / (t - p->t0 > 1e-9 ? t - p->t0 : 1e-9));
    p->progress_shown = 1;
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "winnow: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'winnow --help'.\n");
    return EXIT_USAGE;
}

static int parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || errno || *s == '-')
        return -1;
    unsigned long long m = 1;
    if (*end == 'K' || *end == 'k')
        m = 1ull << 10, end++;
    else if (*end == 'M' || *end == 'm')
        m = 1ull << 20, end++;
    else if (*end == 'G' || *end == 'g')
        m = 1ull << 30, end++;
    if (*end || !v || v > (~0ull) / m)
        return -1;
    *out = (size_t)(v * m);
    return 0;
}

#define MAX_SETS 128

/* Uncompressed JSONL files are read mapped into memory (lib/io/src.h); if
 * one is truncated by another process while it is read, or a page cannot be
 * read from the disk, touching it raises SIGBUS. Say so and stop as a fatal error instead of dying
 * without a word: only write() and _exit() are safe here. */
static void on_sigbus(int sig)
{
    (void)sig;
    static const char msg[] = "winnow: fatal: an input file could not be read while mapped "
                              "(truncated by another process, or an I/O error; SIGBUS); "
                              "the output is incomplete\n";
    ssize_t w = write(2, msg, sizeof msg - 1);
    (void)w;
    _exit(EXIT_FATAL);
}

int main(int argc, char **argv)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigbus;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGBUS, &sa, NULL);

    const command *cmd = &commands[0];
    int argi = 1;
    if (argc > 1 && argv[1][0] != '-') {
        for (const command *c = commands; c->name; c++)
            if (!strcmp(argv[1], c->name)) {
                cmd = c;
                argi = 2;
            }
    }
    if (!strcmp(cmd->name, "explain")) {
        if (!wn_cmd_explain) {
            fprintf(stderr, "winnow: explain is not built into this binary\n");
            return EXIT_FATAL;
        }
        return wn_cmd_explain(argc - 1, argv + 1);
    }

    /* getopt_long tables from the one option table */
    struct option lopts[sizeof options / sizeof options[0]];
    char shorts[64] = "";
    size_t nl = 0;
    for (const opt *o = options; o->lng; o++, nl++) {
        lopts[nl].name = o->lng;
        lopts[nl].has_arg = o->arg ? required_argument : no_argument;
        lopts[nl].flag = NULL;
        lopts[nl].val = 1000 + (int)nl;
        if (o->shrt) {
            size_t l = strlen(shorts);
            shorts[l] = (char)o->shrt;
            shorts[l + 1] = 0;
            if (o->arg)
                strcat(shorts, ":");
        }
    }
    memset(&lopts[nl], 0, sizeof lopts[nl]);

    wn_run_opts ro;
    wn_run_opts_init(&ro);
    const char *out_path = NULL, *rej_path = NULL, *stats_path = NULL, *stages_override = NULL;
    const char *set_keys[MAX_SETS], *set_vals[MAX_SETS];
    char *set_bufs[MAX_SETS];
    size_t nsets = 0;
    prog pr = {0};
    pr.tty = isatty(2);

    optind = argi;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, shorts, lopts, NULL)) != -1) {
        const opt *o = NULL;
        if (c >= 1000)
            o = &options[c - 1000];
        else
            for (const opt *q = options; q->lng; q++)
                if (q->shrt == c)
                    o = q;
        if (!o) {
            if (c == '?' && optopt && optopt < 1000)
                fprintf(stderr, "winnow: option -%c %s\n", optopt,
                        strchr(shorts, optopt) ? "needs an argument" : "is unknown");
            else
                fprintf(stderr, "winnow: option '%s' is unknown or needs an argument\n", argv[optind - 1]);
            fprintf(stderr, "Try 'winnow --help'.\n");
            return EXIT_USAGE;
        }
        switch (o->id) {
        case O_HELP:
            print_help(stdout);
            return EXIT_OK;
        case O_HELP_MAN:
            print_man();
            return EXIT_OK;
        case O_VERSION:
            printf("winnow %s\n", WN_VERSION_STRING);
            return EXIT_OK;
        case O_LIST_STAGES:
            list_stages();
            return EXIT_OK;
        case O_OUTPUT: out_path = optarg; break;
        case O_REJECTED: rej_path = optarg; break;
        case O_STATS: stats_path = optarg; break;
        case O_STAGES: stages_override = optarg; break;
        case O_QUIET: pr.quiet = 1; break;
        case O_VERBOSE: pr.verbose = 1; break;
        case O_LINES: ro.input_kind = WN_INPUT_LINES; break;
        case O_NO_EVIDENCE: ro.evidence = 0; break;
        case O_JOBS: {
            char *end;
            long j = strtol(optarg, &end, 10);
            if (*end || j < 1 || j > 256)
                return usage_error("--jobs: expected a number from 1 to 256, got '%s'", optarg);
            ro.jobs = (int)j;
            break;
        }
        case O_FORMAT:
            if (!strcmp(optarg, "jsonl"))
                ro.format = WN_FORMAT_JSONL;
            else if (!strcmp(optarg, "text"))
                ro.format = WN_FORMAT_TEXT;
            else
                return usage_error("--format: expected jsonl or text, got '%s'", optarg);
            break;
        case O_INPUT_FORMAT: {
            static const char *kinds[] = {"auto", "jsonl", "text", "lines", "html", "warc"};
            int k = -1;
            for (int i = 0; i < 6; i++)
                if (!strcmp(optarg, kinds[i]))
                    k = i;
            if (k < 0)
                return usage_error("--input-format: expected auto, jsonl, text, lines, html or warc, got '%s'",
                                   optarg);
            ro.input_kind = (wn_input_kind)k;
            break;
        }
        case O_MAX_DOC:
            if (parse_size(optarg, &ro.max_doc_bytes))
                return usage_error("--max-doc-size: expected a size like 16M, got '%s'", optarg);
            break;
        case O_MAX_LINE:
            if (parse_size(optarg, &ro.max_line_bytes))
                return usage_error("--max-line: expected a size like 64M, got '%s'", optarg);
            break;
        case O_SET:
        case O_MAPPED: {
            if (nsets == MAX_SETS)
                return usage_error("%s", "too many --set options");
            if (o->id == O_MAPPED) {
                set_bufs[nsets] = NULL;
                set_keys[nsets] = o->key;
                set_vals[nsets] = o->arg ? optarg : o->value;
            } else {
                char *eq = strchr(optarg, '=');
                if (!eq || eq == optarg)
                    return usage_error("--set: expected STAGE.PARAM=VALUE, got '%s'", optarg);
                set_bufs[nsets] = strdup(optarg);
                set_bufs[nsets][eq - optarg] = 0;
                set_keys[nsets] = set_bufs[nsets];
                set_vals[nsets] = set_bufs[nsets] + (eq - optarg) + 1;
            }
            nsets++;
            break;
        }
        default:
            return usage_error("%s", "unknown option");
        }
    }

    char stages[1024];
    available_stages(stages_override ? stages_override : cmd->stages, stages, sizeof stages);
    if (stages_override && strcmp(stages, stages_override))
        return usage_error("--stages: unknown stage in '%s' (see --list-stages)", stages_override);
    char err[512];
    wn_pipeline *p = wn_pipeline_create(stages, err, sizeof err);
    if (!p) {
        fprintf(stderr, "winnow: %s\n", err);
        return EXIT_USAGE;
    }
    int rc = EXIT_OK;
    /* plain-text output: tables as "a | b" rows rather than Markdown */
    if (ro.format == WN_FORMAT_TEXT && strstr(stages, "extract"))
        wn_pipeline_set(p, "extract.format", "text");
    for (size_t i = 0; i < nsets; i++) {
        if (wn_pipeline_set(p, set_keys[i], set_vals[i]) != WN_OK) {
            fprintf(stderr, "winnow: %s=%s: %s\nTry 'winnow --list-stages'.\n", set_keys[i], set_vals[i],
                    wn_pipeline_errmsg(p));
            rc = EXIT_USAGE;
            goto out;
        }
    }
    if (out_path && !(ro.out = fopen(out_path, "w"))) {
        fprintf(stderr, "winnow: %s: %s\n", out_path, strerror(errno));
        rc = EXIT_FATAL;
        goto out;
    }
    if (rej_path && !(ro.rejected = fopen(rej_path, "w"))) {
        fprintf(stderr, "winnow: %s: %s\n", rej_path, strerror(errno));
        rc = EXIT_FATAL;
        goto out;
    }
    /* large output buffers: one write per megabyte, not one per document */
    static char out_buf[1 << 20], rej_buf[1 << 20];
    setvbuf(ro.out, out_buf, _IOFBF, sizeof out_buf);
    if (ro.rejected)
        setvbuf(ro.rejected, rej_buf, _IOFBF, sizeof rej_buf);
    ro.on_diag = on_diag;
    ro.on_progress = on_progress;
    ro.ud = &pr;
    pr.t0 = pr.last = now();

    wn_stats *st = wn_stats_create();
    wn_status s = wn_run(p, &ro, (const char *const *)argv + optind, (size_t)(argc - optind), st);
    if (pr.progress_shown)
        fputs("\r\033[K", stderr);
    if (s == WN_INPUT_ERRORS)
        rc = EXIT_INPUT;
    else if (s != WN_OK) {
        fprintf(stderr, "winnow: %s\n", wn_status_str(s));
        rc = EXIT_FATAL;
    }
    if (stats_path) {
        FILE *f = fopen(stats_path, "w");
        if (!f || wn_stats_write_json(st, f) || fclose(f)) {
            fprintf(stderr, "winnow: %s: cannot write statistics\n", stats_path);
            rc = EXIT_FATAL;
        }
    }
    if (pr.verbose && !pr.quiet) {
        double t = now() - pr.t0;
        double mb = (double)wn_stats_get(st, "bytes_in") / 1e6;
        fprintf(stderr, "winnow: %llu docs in, %llu out, %llu dropped, %llu input errors; %.1f MB in %.2f s (%.1f MB/s)\n",
                (unsigned long long)wn_stats_get(st, "docs_in"), (unsigned long long)wn_stats_get(st, "docs_out"),
                (unsigned long long)wn_stats_get(st, "docs_dropped"),
                (unsigned long long)wn_stats_get(st, "input_errors"), mb, t, t > 0 ? mb / t : 0.0);
    }
    wn_stats_free(st);
    if (ro.out != stdout && ro.out && fclose(ro.out)) {
        fprintf(stderr, "winnow: %s: %s\n", out_path, strerror(errno));
        rc = EXIT_FATAL;
    }
out:
    if (ro.rejected)
        fclose(ro.rejected);
    for (size_t i = 0; i < nsets; i++)
        free(set_bufs[i]);
    wn_pipeline_free(p);
    return rc;
}
