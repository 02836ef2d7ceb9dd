package io.pgfleet.workflows.bosh;

/**
 * One orphaned disk to delete ({@code DELETE /orphan_disks/:cid}); the context id names the BOSH
 * task so a retried attempt can be told apart in the Director's task list.
 */
public record DeleteOrphanedDiskRequest(String diskCid, String contextId) {}
