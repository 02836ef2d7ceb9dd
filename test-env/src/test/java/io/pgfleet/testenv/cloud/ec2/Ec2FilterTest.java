package io.pgfleet.testenv.cloud.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Filters as EC2 applies them: any value matches, all filters must, wildcards * and ?. */
class Ec2FilterTest {

  private static final Map<String, List<String>> ATTRIBUTES =
      Map.of("status", List.of("completed"), "volume-id", List.of("disk-1"));
  private static final Function<String, List<String>> ATTRIBUTE =
      name -> ATTRIBUTES.getOrDefault(name, List.of());
  private static final Map<String, String> TAGS = Map.of("pgfleet:cluster", "pg-1");

  @Test
  void matchesAttributesTagsAndWildcards() {
    assertThat(matches("status", "pending", "completed")).isTrue();
    assertThat(matches("status", "pending")).isFalse();
    assertThat(matches("volume-id", "disk-?")).isTrue();
    assertThat(matches("tag:pgfleet:cluster", "pg-*")).isTrue();
    assertThat(matches("tag:pgfleet:cluster", "pg-2")).isFalse();
    assertThat(matches("tag:other", "*")).isFalse();
    assertThat(matches("tag-key", "pgfleet:*")).isTrue();
    assertThat(matches("unknown-filter", "*")).isFalse();
    assertThat(matches("status", "compl.ted")).as("regex characters are literal").isFalse();
  }

  @Test
  void everyFilterMustMatch() {
    List<Ec2Filter> both =
        List.of(
            new Ec2Filter("status", List.of("completed")),
            new Ec2Filter("tag:pgfleet:cluster", List.of("pg-1")));
    assertThat(Ec2Filter.all(both, ATTRIBUTE, TAGS)).isTrue();
    assertThat(Ec2Filter.all(List.of(), ATTRIBUTE, TAGS)).isTrue();
    assertThat(
            Ec2Filter.all(
                List.of(both.get(0), new Ec2Filter("status", List.of("error"))), ATTRIBUTE, TAGS))
        .isFalse();
  }

  private static boolean matches(String name, String... values) {
    return new Ec2Filter(name, List.of(values)).matches(ATTRIBUTE, TAGS);
  }
}
