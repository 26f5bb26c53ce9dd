/** Multi-node operation: Cluster Sharding of drones and sensors, static seed nodes, and the CBOR marker for cross-node messages. */
package org.swarmsense.agents.cluster;
