/**
 * The I-EPOS throughput benchmark (seeded random plans, wall time, agent-iterations per second,
 * peak heap, speed-up over a single-threaded baseline measured in the same run), driven by the
 * {@code swarmsense bench epos} command.
 */
package org.swarmsense.epos.bench;
