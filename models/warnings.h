/*
 * warnings: what a run's figures say the reader must not miss.
 *
 * A channel is flagged as overloaded when the work offered to it (contacts
 * offered times their mean handling time) is at or above what its agents
 * could handle in their scheduled hours, when it has no agent on duty while
 * contacts arrive, or when its line was still long at the horizon (more than
 * 1% of the contacts offered, and more than ten, still in the system): the
 * waits then describe a line that had not settled, and the averages
 * understate them.  Computed from the summary, so every view shows the same.
 */
#ifndef CHANMIX_MODELS_WARNINGS_H
#define CHANMIX_MODELS_WARNINGS_H

#include "models/experiment.h"

#define WARNINGS_MAX MODEL_MAX_CHANNELS
#define WARNING_TEXT_MAX 320

/* Fills out with up to WARNINGS_MAX sentences; returns how many. */
int warnings_list(const struct experiment *e, char (*out)[WARNING_TEXT_MAX]);

#endif
