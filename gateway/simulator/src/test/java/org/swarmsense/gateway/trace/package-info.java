/**
 * Tests of trace record and replay: the file format and its errors, pacing on a manual clock,
 * vehicle traces as device streams, the commands, and replay determinism against real brokers.
 */
package org.swarmsense.gateway.trace;
