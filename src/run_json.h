/* run_json.h - a stored run as cJSON (show --json, export --json).
 * Ownership: the caller cJSON_Delete()s the returned object. */
#ifndef BENCHDB_RUN_JSON_H
#define BENCHDB_RUN_JSON_H

#include <cjson/cJSON.h>

#include "store.h"

cJSON *run_json(const struct stored_run *sr);

#endif
