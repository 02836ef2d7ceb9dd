/**
 * Host activities: what the node agent on each VM does for the workflows (PostgreSQL and pgpool
 * processes, configuration files, health). Called on task queue {@code node/<deployment>/<id>}.
 */
package io.pgfleet.workflows.host;
