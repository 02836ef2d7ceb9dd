package io.pgfleet.workflows.deprovision;

import io.pgfleet.workflows.operation.OperationView;

public record DeprovisionResult(OperationView operation) {}
