package io.pgfleet.testenv.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/** Each rule, evaluated on deliberately bad fixtures, reports the violation it exists for. */
class ArchitectureRulesCanFailTest {

  private static final String FIXTURES = "io.pgfleet.testenv.arch.fixture";

  private final JavaClasses fixtures = new ClassFileImporter().importPackages(FIXTURES);

  @Test
  void determinismRuleCatchesEveryForbiddenUse() {
    EvaluationResult result =
        ArchitectureRules.workflowCodeIsDeterministic(FIXTURES + ".bad..").evaluate(fixtures);
    assertThat(result.hasViolation()).isTrue();
    assertThat(String.join("\n", result.getFailureReport().getDetails()))
        .contains(
            "Thread.sleep",
            "Instant.now",
            "System.currentTimeMillis",
            "System.nanoTime",
            "UUID.randomUUID",
            "java.util.Random",
            "java.time.Clock",
            "LoggerFactory.getLogger",
            "java.util.concurrent.Executors",
            "java.net.URI");
  }

  @Test
  void determinismRuleAcceptsTheTemporalWay() {
    EvaluationResult result =
        ArchitectureRules.workflowCodeIsDeterministic(FIXTURES + ".good..").evaluate(fixtures);
    assertThat(result.getFailureReport().getDetails()).isEmpty();
  }

  @Test
  void testEnvIsolationRuleCatchesALeak() {
    EvaluationResult result =
        ArchitectureRules.onlyItselfDependsOn(FIXTURES + ".inside..").evaluate(fixtures);
    assertThat(String.join("\n", result.getFailureReport().getDetails()))
        .contains("LeakyProductionClass", "InternalTool");
  }

  @Test
  void layeringRuleCatchesAForbiddenDependency() {
    EvaluationResult result =
        ArchitectureRules.mustNotDependOn(
                resideInAPackage(FIXTURES + ".outside.."), resideInAPackage(FIXTURES + ".inside.."))
            .evaluate(fixtures);
    assertThat(result.hasViolation()).isTrue();
  }

  @Test
  void allowListRuleCatchesAnUnlistedLibrary() {
    EvaluationResult result =
        ArchitectureRules.onlyDependsOn(
                resideInAPackage(FIXTURES + ".bad.."), "java..", "io.temporal..")
            .evaluate(fixtures);
    assertThat(String.join("\n", result.getFailureReport().getDetails()))
        .contains("org.slf4j.LoggerFactory");
  }
}
