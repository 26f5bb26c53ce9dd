/** Multi-node operation: Cluster Sharding of drones and sensors, static seed nodes, the downing of a lost node ({@link org.swarmsense.agents.cluster.SurvivorDowning}), and the CBOR marker for cross-node messages. */
package org.swarmsense.agents.cluster;
