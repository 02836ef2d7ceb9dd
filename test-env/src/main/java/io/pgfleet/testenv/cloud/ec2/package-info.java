/**
 * The local cloud's EC2-compatible API: the subset of EC2's Query protocol pgfleet's IaaS adapter
 * uses (instances, volumes, snapshots, tags), signed with AWS Signature V4, answering the XML the
 * AWS SDK expects. Instances are the local VMs (ids = VM cids), volumes their disks (ids = disk
 * cids), snapshots copies of disk directories.
 */
package io.pgfleet.testenv.cloud.ec2;
