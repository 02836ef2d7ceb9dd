package io.pgfleet.testenv.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Rule factories, parameterised by package so the same rules run on production code and on the
 * deliberately bad fixtures that prove they can fail.
 */
final class ArchitectureRules {

  /** Libraries and JDK areas that do I/O, threading or hide clocks and randomness. */
  static final List<String> PACKAGES_FORBIDDEN_IN_WORKFLOWS =
      List.of(
          "org.springframework..",
          "okhttp3..",
          "java.sql..",
          "javax.sql..",
          "software.amazon..",
          "java.net..",
          "java.nio.file..",
          "java.util.concurrent..");

  /** Static calls that read the wall clock, randomness or a non-replay-aware logger. */
  static final Map<Class<?>, Set<String>> CALLS_FORBIDDEN_IN_WORKFLOWS =
      Map.of(
          java.time.Instant.class, Set.of("now"),
          java.time.LocalDateTime.class, Set.of("now"),
          java.time.LocalDate.class, Set.of("now"),
          java.time.OffsetDateTime.class, Set.of("now"),
          java.time.ZonedDateTime.class, Set.of("now"),
          System.class, Set.of("currentTimeMillis", "nanoTime"),
          java.util.UUID.class, Set.of("randomUUID"),
          Math.class, Set.of("random"),
          org.slf4j.LoggerFactory.class, Set.of("getLogger"));

  private ArchitectureRules() {}

  /** Workflow code replays deterministically: no I/O, threads, clocks, randomness, static logs. */
  static ArchRule workflowCodeIsDeterministic(String workflowPackage) {
    ArchRule noForbiddenPackages =
        noClasses()
            .that()
            .resideInAPackage(workflowPackage)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(PACKAGES_FORBIDDEN_IN_WORKFLOWS.toArray(String[]::new))
            .because("workflow code must do I/O and concurrency through activities and Workflow");
    ArchRule noForbiddenTypes =
        noClasses()
            .that()
            .resideInAPackage(workflowPackage)
            .should()
            .dependOnClassesThat()
            .belongToAnyOf(Thread.class, Clock.class)
            .because("use Workflow.sleep, Async and Workflow.currentTimeMillis");
    // Workflow.newRandom() returns a java.util.Random, so only creating one is forbidden.
    ArchRule noOwnRandom =
        noClasses()
            .that()
            .resideInAPackage(workflowPackage)
            .should()
            .callConstructorWhere(
                DescribedPredicate.describe(
                    "new Random or a subclass such as SecureRandom",
                    call -> call.getTargetOwner().isAssignableTo(Random.class)))
            .because("use Workflow.newRandom, which replays the same sequence");
    ArchRule noForbiddenCalls =
        noClasses()
            .that()
            .resideInAPackage(workflowPackage)
            .should()
            .callMethodWhere(forbiddenCall())
            .because("use Workflow.currentTimeMillis, Workflow.randomUUID and Workflow.getLogger");
    return CompositeArchRule.of(noForbiddenPackages)
        .and(noForbiddenTypes)
        .and(noOwnRandom)
        .and(noForbiddenCalls);
  }

  /** Only classes inside {@code protectedPackage} may depend on it (the test environment). */
  static ArchRule onlyItselfDependsOn(String protectedPackage) {
    return noClasses()
        .that()
        .resideOutsideOfPackage(protectedPackage)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(protectedPackage)
        .because("production code must not need the local cloud or test tooling");
  }

  /** {@code subject} classes must not depend on {@code forbidden} ones (module layering). */
  static ArchRule mustNotDependOn(
      DescribedPredicate<JavaClass> subject, DescribedPredicate<JavaClass> forbidden) {
    return noClasses().that(subject).should().dependOnClassesThat(forbidden);
  }

  /** {@code subject} classes may depend only on the allowed packages. */
  static ArchRule onlyDependsOn(DescribedPredicate<JavaClass> subject, String... allowedPackages) {
    return classes()
        .that(subject)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(allowedPackages);
  }

  private static DescribedPredicate<JavaMethodCall> forbiddenCall() {
    return DescribedPredicate.describe(
        "a wall-clock, random or static-logger call " + CALLS_FORBIDDEN_IN_WORKFLOWS.values(),
        call ->
            CALLS_FORBIDDEN_IN_WORKFLOWS.entrySet().stream()
                .anyMatch(
                    forbidden ->
                        call.getTargetOwner().isEquivalentTo(forbidden.getKey())
                            && forbidden.getValue().contains(call.getName())));
  }
}
