package io.pgfleet.workflows.catalog;

import java.util.List;
import java.util.Map;

/**
 * A t-shirt size: what each VM gets and how PostgreSQL is tuned for it.
 *
 * @param id the Open Service Broker plan id (stable forever: platforms store it)
 * @param vmType the BOSH vm_type the manifest names; the cloud config maps it to CPU and memory
 * @param diskMb persistent disk of each PostgreSQL VM
 * @param postgresParameters postgresql.conf settings derived from the VM size
 * @param upgradableTo plan ids this plan may change to (ChangePlan)
 */
public record Plan(
    String id,
    String name,
    String description,
    String vmType,
    int cpus,
    int memoryMb,
    int diskMb,
    Map<String, String> postgresParameters,
    long maximumLagOnFailoverBytes,
    List<String> upgradableTo) {}
