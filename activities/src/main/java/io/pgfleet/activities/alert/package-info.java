/**
 * The {@code AlertActivities} implementation that runs on the control-plane worker: every alert is
 * logged, then sent to each configured channel (generic webhooks, e-mail over SMTP).
 */
package io.pgfleet.activities.alert;
