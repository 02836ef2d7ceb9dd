package io.pgfleet.gateway.broker;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.pgfleet.workflows.catalog.Plan;
import io.pgfleet.workflows.catalog.PlanCatalog;
import java.util.List;
import java.util.Map;

/** The OSB catalog: pgfleet's one service and its t-shirt plans (ids from PlanCatalog). */
public record Catalog(List<Service> services) {

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Service(
      String id,
      String name,
      String description,
      boolean bindable,
      boolean planUpdateable,
      boolean instancesRetrievable,
      boolean bindingsRetrievable,
      List<String> tags,
      Map<String, Object> metadata,
      List<ServicePlan> plans) {}

  public record ServicePlan(
      String id, String name, String description, boolean free, PlanMetadata metadata) {}

  /**
   * Display metadata (profile.md conventions: displayName, bullets) plus the sizes in numbers.
   *
   * @param memory RAM per PostgreSQL VM, e.g. "2 GiB"
   * @param disk persistent disk per PostgreSQL VM, e.g. "10 GiB"
   */
  public record PlanMetadata(
      String displayName,
      int cpus,
      String memory,
      String disk,
      int memoryMb,
      int diskMb,
      List<String> bullets) {}

  private static final int MB_PER_GIB = 1024;

  public static Catalog of(List<Plan> plans) {
    return new Catalog(
        List.of(
            new Service(
                PlanCatalog.SERVICE_ID,
                PlanCatalog.SERVICE_NAME,
                "Highly available PostgreSQL 15: a primary, a streaming standby and three pgpool"
                    + " nodes, each operation a Temporal workflow",
                true,
                true,
                true,
                false,
                List.of("postgresql", "relational", "ha"),
                Map.of("displayName", "PostgreSQL HA (pgfleet)", "providerDisplayName", "pgfleet"),
                plans.stream().map(Catalog::plan).toList())));
  }

  private static ServicePlan plan(Plan plan) {
    String memory = plan.memoryMb() / MB_PER_GIB + " GiB";
    String disk = plan.diskMb() / MB_PER_GIB + " GiB";
    return new ServicePlan(
        plan.id(),
        plan.name(),
        plan.description(),
        false,
        new PlanMetadata(
            Character.toUpperCase(plan.name().charAt(0)) + plan.name().substring(1),
            plan.cpus(),
            memory,
            disk,
            plan.memoryMb(),
            plan.diskMb(),
            List.of(
                plan.cpus()
                    + (plan.cpus() == 1 ? " CPU, " : " CPUs, ")
                    + memory
                    + " RAM, "
                    + disk
                    + " disk per PostgreSQL VM",
                "Primary and asynchronous streaming standby",
                "Three pgpool nodes route writes to the primary")));
  }
}
