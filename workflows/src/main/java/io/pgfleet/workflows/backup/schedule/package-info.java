/**
 * Scheduled backups and their retention: the workflow a cluster's backup Schedule starts, the
 * choice of what retention deletes, and the control-plane port that asks the cluster for a backup.
 */
package io.pgfleet.workflows.backup.schedule;
