/**
 * The {@code containers} Maven profile's field tests (issue 16 part 5): the broker contract against
 * Mosquitto and HiveMQ CE images, and the two-node failover against a two-node EMQX cluster, all
 * through Testcontainers. Compiled and run only with {@code -Pcontainers} on a machine with a Docker
 * engine; the default suite keeps its local broker processes. Every test here is tagged
 * {@code containers}.
 */
package org.swarmsense.fieldtests.containers;
