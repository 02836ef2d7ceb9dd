package io.pgfleet.testenv.cloud.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Files a running PostgreSQL removes during the copy are no error; anything else is. */
class DiskCopierTest {

  @Test
  void onlyVanishedFilesAreForgiven() {
    assertThat(
            DiskCopier.onlyVanishedFiles(
                "cp: cannot stat '/d/data/pg_wal/000000010000000000000003': No such file or"
                    + " directory\n"
                    + "cp: cannot open '/d/data/base/pgsql_tmp/t1' for reading: No such file or"
                    + " directory"))
        .isTrue();
    assertThat(DiskCopier.onlyVanishedFiles("cp: error writing '/s/x': No space left on device"))
        .isFalse();
    assertThat(
            DiskCopier.onlyVanishedFiles(
                "cp: cannot stat 'a': No such file or directory\ncp: cannot create 'b': Permission"
                    + " denied"))
        .isFalse();
    assertThat(DiskCopier.onlyVanishedFiles("")).as("a failure without a message").isFalse();
  }
}
