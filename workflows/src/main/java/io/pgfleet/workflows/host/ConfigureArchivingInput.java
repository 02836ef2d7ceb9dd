package io.pgfleet.workflows.host;

/**
 * @param asyncArchive push WAL through pgBackRest's local spool, several segments per process
 *     (keeps archive_command fast under write bursts); false pushes each segment in the
 *     archive_command itself
 */
public record ConfigureArchivingInput(ArchiveSettings settings, boolean asyncArchive) {

  /** What provisioning uses: asynchronous archiving. */
  public static ConfigureArchivingInput async(ArchiveSettings settings) {
    return new ConfigureArchivingInput(settings, true);
  }
}
