package io.pgfleet.testenv.cloud.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgfleet.testenv.cloud.DirectorError;
import org.junit.jupiter.api.Test;

class ManifestValidatorTest {

  private static final String GOOD =
      """
      name: pg
      releases: [{name: pgfleet, version: 1}]
      instance_groups:
      - name: postgres
        instances: 2
        persistent_disk_type: default
        networks: [{name: default}]
        jobs: [{name: node-agent, properties: {a: 1}}]
      """;

  private static DirectorError failure(String yaml) {
    try {
      ManifestValidator.validate(ManifestParser.parse(yaml));
    } catch (DirectorError e) {
      return e;
    }
    throw new AssertionError("manifest was accepted:\n" + yaml);
  }

  @Test
  void aPgfleetManifestPasses() {
    Manifest manifest = ManifestParser.parse(GOOD);
    ManifestValidator.validate(manifest);
    assertThat(manifest.instanceGroup("postgres").orElseThrow().hasPersistentDisk()).isTrue();
    assertThat(manifest.instanceGroups().get(0).jobs().get(0).properties()).containsEntry("a", 1);
    assertThat(manifest.canaries()).isEqualTo(1);
  }

  @Test
  void eachSemanticErrorHasBoshsCode() {
    assertThat(failure(GOOD.replace("  instances: 2\n", "")).code())
        .isEqualTo(DirectorError.MISSING_FIELD);
    assertThat(
            failure(GOOD.replace("jobs: [{name: node-agent, properties: {a: 1}}]", "jobs: []"))
                .code())
        .isEqualTo(DirectorError.INVALID_JOBS);
    assertThat(failure(GOOD.replace("name: node-agent", "name: etcd")).getMessage())
        .isEqualTo("Can't find job 'etcd'");
    assertThat(failure(GOOD.replace("  networks: [{name: default}]\n", "")).code())
        .isEqualTo(DirectorError.MISSING_NETWORK);
    assertThat(failure(GOOD.replace("name: pgfleet", "name: other")).code())
        .isEqualTo(DirectorError.RELEASE_NOT_FOUND);
    assertThat(failure(GOOD.replace("instances: 2", "instances: two")).code())
        .isEqualTo(DirectorError.INVALID_TYPE);
    assertThat(failure(GOOD + GOOD.substring(GOOD.indexOf("- name: postgres"))).code())
        .isEqualTo(DirectorError.DUPLICATE_INSTANCE_GROUP);
  }

  @Test
  void requestBodiesMustBeYamlHashesWithAName() {
    assertThatThrownBy(() -> ManifestParser.checkRequestBody("a: [b"))
        .isInstanceOfSatisfying(DirectorError.class, e -> assertThat(e.code()).isEqualTo(440001));
    assertThatThrownBy(() -> ManifestParser.checkRequestBody("- just a list"))
        .hasMessage("Manifest should be a hash");
    assertThatThrownBy(() -> ManifestParser.checkRequestBody(""))
        .hasMessage("Manifest should not be empty");
    assertThatThrownBy(() -> ManifestParser.checkRequestBody("releases: []"))
        .isInstanceOfSatisfying(
            DirectorError.class, e -> assertThat(e.code()).isEqualTo(DirectorError.MISSING_FIELD));
    assertThat(ManifestParser.checkRequestBody(GOOD)).isEqualTo("pg");
  }
}
