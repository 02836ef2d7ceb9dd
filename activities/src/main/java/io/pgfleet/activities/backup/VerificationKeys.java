package io.pgfleet.activities.backup;

/**
 * A backup's verification lives beside its entry: {@code <cluster>/backups/<id>.verification.json}.
 * Entry keys must therefore not end that way, so no backup id may end in ".verification".
 */
final class VerificationKeys {

  static final String SUFFIX = ".verification" + BackupCatalogKeys.SUFFIX;

  private VerificationKeys() {}

  static String key(String clusterId, String backupId) {
    String entry = BackupCatalogKeys.key(clusterId, backupId);
    return entry.substring(0, entry.length() - BackupCatalogKeys.SUFFIX.length()) + SUFFIX;
  }

  static boolean isVerification(String key) {
    return key.endsWith(SUFFIX);
  }
}
