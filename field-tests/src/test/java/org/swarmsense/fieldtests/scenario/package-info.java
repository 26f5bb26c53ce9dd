/** End-to-end scenarios over MQTT with foreign clients: a device joins, is seen, gets a plan; a mission is flown. */
package org.swarmsense.fieldtests.scenario;
