/**
 * The control plane's SQL against a cluster, over JDBC as the superuser: the application database,
 * one role per binding, and the replication check a provision ends with. Names are validated before
 * they reach SQL; passwords are hashed on this side and never logged.
 */
package io.pgfleet.activities.postgres;
