/** The agents bench: decentralized I-EPOS actors vs the in-process engine, and telemetry throughput. */
package org.swarmsense.agents.bench;
