/**
 * The IaaS as the workflows see it: VM power (STONITH), disk snapshots and volumes made from them.
 * Identifiers are the IaaS's own: a VM cid is what BOSH reports as {@code vm_cid}, a disk cid is
 * BOSH's {@code disk_cid} (on AWS: instance and volume ids).
 */
package io.pgfleet.workflows.iaas;
