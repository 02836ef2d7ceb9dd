package io.pgfleet.testenv.cloud.director;

import io.pgfleet.testenv.cloud.state.StateStore;
import io.pgfleet.testenv.cloud.task.DeploymentLocks;
import io.pgfleet.testenv.cloud.task.TaskOutputs;
import io.pgfleet.testenv.cloud.task.TaskRunner;
import io.pgfleet.testenv.cloud.vm.VmManager;

/** What the Director's HTTP handlers work with. */
public record DirectorContext(
    String name,
    StateStore store,
    TaskRunner tasks,
    TaskOutputs outputs,
    DeploymentLocks locks,
    VmManager vms) {}
