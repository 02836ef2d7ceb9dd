package io.pgfleet.workflows.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one service pgfleet offers and its plans. Ids are fixed UUIDs: platforms (Cloud Foundry,
 * Kubernetes service catalog) store them with every instance.
 */
public final class PlanCatalog {

  public static final String SERVICE_ID = "6f0c7b1e-2a55-4c5e-9a47-2f0e3c8f9d10";
  public static final String SERVICE_NAME = "postgresql-ha";

  /** pgfleet's default bound: promote only a standby at most 1 MiB behind. */
  private static final long ONE_MIB = 1024 * 1024;

  public static final Plan SMALL =
      new Plan(
          "1c6e8f5a-0b0e-4a8e-8f62-6d3f2b1a9c01",
          "small",
          "1 CPU, 2 GiB RAM, 10 GiB disk per PostgreSQL VM",
          "small",
          1,
          2048,
          10240,
          Map.of(
              "shared_buffers", "512MB",
              "effective_cache_size", "1536MB",
              "work_mem", "4MB",
              "maintenance_work_mem", "128MB",
              "max_connections", "100"),
          ONE_MIB,
          List.of("2d7f9a6b-1c1f-4b9f-9a73-7e4a3c2b0d02", "3e8a0b7c-2d20-4ca0-8b84-8f5b4d3c1e03"));

  public static final Plan MEDIUM =
      new Plan(
          "2d7f9a6b-1c1f-4b9f-9a73-7e4a3c2b0d02",
          "medium",
          "2 CPUs, 8 GiB RAM, 50 GiB disk per PostgreSQL VM",
          "medium",
          2,
          8192,
          51200,
          Map.of(
              "shared_buffers", "2GB",
              "effective_cache_size", "6GB",
              "work_mem", "8MB",
              "maintenance_work_mem", "512MB",
              "max_connections", "200"),
          ONE_MIB,
          List.of("3e8a0b7c-2d20-4ca0-8b84-8f5b4d3c1e03"));

  public static final Plan LARGE =
      new Plan(
          "3e8a0b7c-2d20-4ca0-8b84-8f5b4d3c1e03",
          "large",
          "4 CPUs, 16 GiB RAM, 200 GiB disk per PostgreSQL VM",
          "large",
          4,
          16384,
          204800,
          Map.of(
              "shared_buffers", "4GB",
              "effective_cache_size", "12GB",
              "work_mem", "16MB",
              "maintenance_work_mem", "1GB",
              "max_connections", "400"),
          ONE_MIB,
          List.of());

  public static final List<Plan> PLANS = List.of(SMALL, MEDIUM, LARGE);

  private PlanCatalog() {}

  public static Optional<Plan> plan(String planId) {
    return PLANS.stream().filter(p -> p.id().equals(planId)).findFirst();
  }
}
