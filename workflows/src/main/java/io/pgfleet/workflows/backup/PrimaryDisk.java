package io.pgfleet.workflows.backup;

/**
 * The primary's persistent disk (BOSH's first disk_cid: the one its data directory lives on).
 *
 * @param vmCid the VM it is attached to, for the record; null when BOSH lists none
 */
record PrimaryDisk(String vmCid, String diskCid) {}
