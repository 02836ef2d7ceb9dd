package io.pgfleet.workflows.backup;

/**
 * The outcome of restoring a backup into a throw-away cluster and checking it, stored beside the
 * backup's catalog entry.
 *
 * @param passed whether the server started, every relation was readable and the sentinel rows
 *     matched
 * @param detail what was checked (relations read, sentinel rows) or why it failed
 * @param operationId the verification's operation id
 * @param verifiedAtMillis when the verification finished (workflow clock)
 */
public record BackupVerification(
    String clusterId,
    String backupId,
    boolean passed,
    String detail,
    String operationId,
    long verifiedAtMillis) {}
