/**
 * The BOSH Director as the workflows see it: deployments, instances and the tasks that change them.
 */
package io.pgfleet.workflows.bosh;
