/**
 * S3Proxy, the local object store: a real S3-API server (the {@code jar-with-dependencies} of
 * org.gaul:s3proxy) run as a child process over a directory, with HTTP and HTTPS endpoints and the
 * backup bucket created once it answers. {@link io.pgfleet.testenv.s3.S3ProxyMain} runs it for
 * {@code ./pgfleet up}; tests use {@link io.pgfleet.testenv.s3.S3ProxyServer} directly.
 */
package io.pgfleet.testenv.s3;
