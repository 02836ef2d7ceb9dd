/**
 * Encryption of Temporal payloads: generated passwords and keys live in workflow state and activity
 * inputs, and must never reach Temporal's history in plaintext. Outside {@code
 * io.pgfleet.workflows} because it needs what workflow code must not use (javax.crypto,
 * SecureRandom); workflow code never depends on it: clients and workers install it as their data
 * converter.
 */
package io.pgfleet.codec;
