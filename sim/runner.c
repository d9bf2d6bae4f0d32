/*
 * runner: OpenMP replication loop, see runner.h.
 *
 * Dynamic scheduling with chunk 1: replications can differ in length (a
 * scenario with a busy week), and there are few of them, so balance matters
 * more than scheduling overhead.
 */
#include "sim/runner.h"

#include <omp.h>

int runner_run(const struct runner_spec *spec)
{
    int n = spec->replications;
    int first_error = 0, first_error_rep = n, done = 0;
    int threads = spec->threads > 0 ? spec->threads : omp_get_max_threads();
    if (threads > n && n > 0)
        threads = n;

#pragma omp parallel num_threads(threads)
    {
        void *state = spec->thread_open ? spec->thread_open(spec->ctx) : NULL;
#pragma omp for schedule(dynamic, 1)
        for (int rep = 0; rep < n; rep++) {
            char *slot = (char *)spec->slots + (size_t)rep * spec->slot_size;
            int rc = spec->run(spec->ctx, rep, slot, state);
#pragma omp critical(chanmix_runner)
            {
                if (rc != 0 && rep < first_error_rep) {
                    first_error_rep = rep;
                    first_error = rc;
                }
                done++;
                if (spec->progress)
                    spec->progress(spec->progress_ctx, done, n);
            }
        }
        if (state)
            spec->thread_close(state);
    }
    return first_error;
}
