/**
 * Starts Temporal for local runs and tests: the real CLI dev server ({@code temporal server
 * start-dev}) as a child process, or the in-process Java test server as a loudly logged fallback.
 * Entry points: {@link io.pgfleet.testenv.temporal.TemporalLauncher}, {@link
 * io.pgfleet.testenv.temporal.SharedTemporal} for tests, and {@link
 * io.pgfleet.testenv.temporal.TemporalLauncherMain} for scripts.
 */
package io.pgfleet.testenv.temporal;
