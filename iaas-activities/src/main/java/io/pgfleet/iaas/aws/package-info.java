/**
 * The IaaS port over AWS EC2 (AWS SDK v2). The same code runs against AWS and, with an endpoint
 * override, against the local cloud's EC2-compatible API.
 */
package io.pgfleet.iaas.aws;
