package io.pgfleet.workflows.backup;

/**
 * One end of a base backup.
 *
 * @param lsn the WAL position, e.g. {@code 0/5000028}
 * @param walFile the WAL file holding it, e.g. {@code 000000010000000000000005}
 * @param atMillis the database server's clock at that point (epoch milliseconds)
 */
public record BackupPoint(String lsn, String walFile, long atMillis) {}
