package io.pgfleet.testenv.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static io.pgfleet.testenv.arch.ProductionClasses.inModule;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The dependency rules of docs/architecture.md, checked on every module's production classes. */
class ArchitectureRulesTest {

  private static final String CODEC = "io.pgfleet.codec..";

  /** Who may not use whom (ARCHITECTURE.md section 2); Maven alone would allow transitive use. */
  private static final Map<String, List<String>> FORBIDDEN_MODULE_DEPENDENCIES =
      Map.of(
          "workflows",
              List.of("activities", "iaas-activities", "workers", "api-gateway", "test-env"),
          "activities", List.of("iaas-activities", "workers", "api-gateway", "test-env"),
          "iaas-activities", List.of("activities", "workers", "api-gateway", "test-env"),
          "api-gateway", List.of("activities", "iaas-activities", "workers", "test-env"),
          "workers", List.of("api-gateway", "test-env"));

  private final JavaClasses production = ProductionClasses.all();

  @Test
  void importsTheWorkflowsModuleAndNoTests() {
    assertThat(production.stream().filter(inModule("workflows")))
        .as("production classes of the workflows module")
        .isNotEmpty();
    assertThat(production.stream().map(c -> c.getSimpleName()))
        .noneMatch(name -> name.endsWith("Test") || name.endsWith("IT"));
  }

  @Test
  void workflowCodeIsDeterministic() {
    ArchitectureRules.workflowCodeIsDeterministic("io.pgfleet.workflows..").check(production);
  }

  @Test
  void workflowsModuleUsesOnlyTheJdkAndTemporal() {
    ArchitectureRules.onlyDependsOn(
            inModule("workflows").and(not(resideInAPackage(CODEC))),
            "java..",
            "io.temporal..",
            "io.pgfleet.workflows..",
            "org.slf4j..",
            "com.fasterxml.jackson.annotation..")
        .check(production);
  }

  /** The payload codec shares the workflows module but not its rules: it needs javax.crypto. */
  @Test
  void theCodecUsesOnlyTheJdkItsCryptoAndTemporal() {
    ArchitectureRules.onlyDependsOn(
            resideInAPackage(CODEC),
            "java..",
            "javax.crypto..",
            "io.temporal..",
            "com.google.protobuf..",
            CODEC)
        .check(production);
  }

  /** Clients install the codec; workflow code never sees it (it would bring SecureRandom in). */
  @Test
  void workflowCodeDoesNotDependOnTheCodec() {
    ArchitectureRules.mustNotDependOn(
            resideInAPackage("io.pgfleet.workflows.."), resideInAPackage(CODEC))
        .check(production);
  }

  @Test
  void nothingOutsideTestEnvDependsOnIt() {
    ArchitectureRules.onlyItselfDependsOn("io.pgfleet.testenv..").check(production);
  }

  @ParameterizedTest(name = "{0} does not depend on {1}")
  @MethodSource("forbiddenModuleDependencies")
  void modulesKeepTheirLayering(String module, String forbidden) {
    ArchitectureRules.mustNotDependOn(inModule(module), inModule(forbidden))
        .allowEmptyShould(true) // modules without classes yet have nothing to break
        .check(production);
  }

  static Stream<Arguments> forbiddenModuleDependencies() {
    return FORBIDDEN_MODULE_DEPENDENCIES.entrySet().stream()
        .flatMap(e -> e.getValue().stream().map(target -> Arguments.of(e.getKey(), target)));
  }

  @Test
  void everyRootPomModuleIsCoveredByTheLayeringTable() {
    assertThat(ProductionClasses.modules())
        .containsAll(FORBIDDEN_MODULE_DEPENDENCIES.keySet())
        .contains("test-env");
  }
}
