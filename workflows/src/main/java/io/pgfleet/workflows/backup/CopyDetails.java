package io.pgfleet.workflows.backup;

/**
 * The copy-mode part of a backup: the pgBackRest backup set in the cluster's stanza.
 *
 * @param label pgBackRest's backup set label (what {@code pgbackrest restore --set} takes)
 * @param type {@code full} or {@code incr}, as pgBackRest took it
 * @param priorLabel the set an incremental builds on; null for a full
 * @param repositorySizeBytes what the set stored in the repository
 */
public record CopyDetails(String label, String type, String priorLabel, long repositorySizeBytes) {}
