/** Notifying operators: the alert payload and the port that delivers it. */
package io.pgfleet.workflows.alert;
