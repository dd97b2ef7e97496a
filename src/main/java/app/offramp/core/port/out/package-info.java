/** Outbound ports: what the core tells the outside world (turns, for metrics and insights). */
package app.offramp.core.port.out;
