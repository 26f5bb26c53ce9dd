/**
 * MQTT brokers this process starts or points at: the embedded HiveMQ CE broker (the zero-setup
 * default), a Mosquitto process (tests, CI, benchmarks) and an external broker given by URL.
 */
package org.swarmsense.gateway.broker;
