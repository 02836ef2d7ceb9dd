/**
 * The BOSH Director client ({@link io.pgfleet.activities.bosh.BoshDirector}, over OkHttp and
 * Jackson), task waiting, and the {@code BoshActivities} implementation that runs on the
 * control-plane worker.
 */
package io.pgfleet.activities.bosh;
