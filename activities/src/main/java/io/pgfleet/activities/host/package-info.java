/**
 * Host activities run by the node agent on one VM: PostgreSQL and pgpool-II as real processes,
 * their configuration files, pid files and health. Everything a VM is comes from {@link
 * io.pgfleet.activities.host.HostEnvironment}; every path comes from {@link
 * io.pgfleet.activities.host.HostLayout}.
 */
package io.pgfleet.activities.host;
