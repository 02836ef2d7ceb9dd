/** PostgreSQL as the control plane reaches it over the network (JDBC): roles, checks. */
package io.pgfleet.workflows.postgres;
