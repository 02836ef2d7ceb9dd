/**
 * The backup catalog in the cluster's S3 repository (AWS SDK v2): one self-describing JSON object
 * per backup beside the WAL archive, so a lost control plane can rebuild its catalog from the
 * bucket.
 */
package io.pgfleet.activities.backup;
