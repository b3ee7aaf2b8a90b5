/*
 * registry.c - every stage winnow knows, by name. A new stage is one line
 * here plus its folder under lib/.
 */
#include <string.h>

#include "core/stage.h"
#include "pipeline.h"

extern const wn_stage_def wn_stage_utf8_repair;
extern const wn_stage_def wn_stage_blank_run;
extern const wn_stage_def wn_stage_clean;
extern const wn_stage_def wn_stage_extract;
extern const wn_stage_def wn_stage_filter;

static const wn_stage_def *const registry[] = {
    &wn_stage_extract,
    &wn_stage_utf8_repair,
    &wn_stage_blank_run,
    &wn_stage_clean,
    &wn_stage_filter,
    NULL,
};

const wn_stage_def *wn_registry_find(const char *name, size_t len)
{
    for (size_t i = 0; registry[i]; i++)
        if (strlen(registry[i]->name) == len && !memcmp(registry[i]->name, name, len))
            return registry[i];
    return NULL;
}

const wn_stage_def *const *wn_registry_all(void) { return registry; }

const char *const *wn_stage_names(void)
{
    static const char *names[sizeof registry / sizeof registry[0]];
    if (!names[0])
        for (size_t i = 0; registry[i]; i++)
            names[i] = registry[i]->name;
    return names;
}

const char *wn_stage_summary(const char *name)
{
    const wn_stage_def *d = wn_registry_find(name, strlen(name));
    return d ? d->summary : NULL;
}

int wn_stage_param(const char *stage, size_t i, const char **name, const char **def, const char **help)
{
    const wn_stage_def *d = wn_registry_find(stage, strlen(stage));
    if (!d || !d->params)
        return -1;
    for (size_t k = 0; k <= i; k++)
        if (!d->params[k].name)
            return -1;
    *name = d->params[i].name;
    *def = d->params[i].def;
    *help = d->params[i].help;
    return 0;
}
