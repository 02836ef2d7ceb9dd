package io.pgfleet.workflows.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BindingNamesTest {

  private static final String ROLE_NAME = "[a-z0-9_]{3,63}";

  @Test
  void aLowerCaseGuidMapsOneToOne() {
    assertThat(BindingNames.username("3f2a9c10-0b1e-4d7a-9c55-1f0e2d3c4b5a"))
        .isEqualTo("b_3f2a9c10_0b1e_4d7a_9c55_1f0e2d3c4b5a");
  }

  @Test
  void idsThatFoldTogetherStillGetDistinctNames() {
    String upper = BindingNames.username("3F2A9C10-0B1E-4D7A-9C55-1F0E2D3C4B5A");
    String lower = BindingNames.username("3f2a9c10-0b1e-4d7a-9c55-1f0e2d3c4b5a");
    String underscores = BindingNames.username("a_b");
    String dashes = BindingNames.username("a-b");

    assertThat(upper).startsWith("b_3f2a9c10_0b1e").matches(ROLE_NAME).isNotEqualTo(lower);
    assertThat(underscores).matches(ROLE_NAME).isNotEqualTo(dashes);
  }

  @Test
  void longAndOddIdsStayValidRoleNames() {
    String name = BindingNames.username("x".repeat(200) + "/é ü");

    assertThat(name).matches(ROLE_NAME).startsWith("b_xxxx");
    assertThat(BindingNames.username("x".repeat(200)))
        .isNotEqualTo(BindingNames.username("x".repeat(201)));
  }
}
