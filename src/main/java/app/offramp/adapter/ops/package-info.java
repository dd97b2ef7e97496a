/**
 * What an operator watches: Prometheus metrics through Micrometer, fed by the core's turn events
 * and the Discord front's telemetry, and a health check, served by the JDK's HTTP server.
 */
package app.offramp.adapter.ops;
