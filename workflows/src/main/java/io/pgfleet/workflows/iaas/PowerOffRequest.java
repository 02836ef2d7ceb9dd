package io.pgfleet.workflows.iaas;

/**
 * @param vmCid the VM to power off (BOSH's vm_cid)
 * @param reason why, for the IaaS's and the operator's records (e.g. "fencing postgres/0")
 */
public record PowerOffRequest(String vmCid, String reason) {}
