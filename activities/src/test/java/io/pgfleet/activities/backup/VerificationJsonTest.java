package io.pgfleet.activities.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgfleet.workflows.backup.BackupVerification;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class VerificationJsonTest {

  @Test
  void aVerificationIsSelfDescribingSnakeCaseJsonThatReadsBackTheSame() throws IOException {
    BackupVerification verification =
        new BackupVerification("c-1", "b-1", true, "12 relations read", "op-9", 1_700_000_000_000L);

    byte[] json = VerificationJson.write(verification);
    JsonNode tree = new ObjectMapper().readTree(json);

    assertThat(tree.fieldNames().next()).isEqualTo("kind");
    assertThat(tree.get("kind").asText()).isEqualTo("pgfleet-backup-verification");
    assertThat(tree.get("backup_id").asText()).isEqualTo("b-1");
    assertThat(tree.get("verified_at_millis").asLong()).isEqualTo(1_700_000_000_000L);
    assertThat(VerificationJson.read("k", json)).isEqualTo(verification);
  }

  @Test
  void aBackupEntryIsNoVerification() {
    byte[] entry =
        BackupRecordJson.write(BackupRecordJsonTest.snapshotRecord("c-1", "b-1", 1_000L));

    assertThatThrownBy(() -> VerificationJson.read("c-1/backups/b-1.json", entry))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("is not a pgfleet-backup-verification object");
  }

  @Test
  void theVerificationLivesBesideTheEntry() {
    assertThat(VerificationKeys.key("c-1", "b-1")).isEqualTo("c-1/backups/b-1.verification.json");
    assertThat(VerificationKeys.isVerification("c-1/backups/b-1.verification.json")).isTrue();
    assertThat(VerificationKeys.isVerification("c-1/backups/b-1.json")).isFalse();
    assertThatThrownBy(() -> VerificationKeys.key("c-1", "../b"))
        .isInstanceOf(ApplicationFailure.class);
  }
}
