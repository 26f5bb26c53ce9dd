/** Clients we did not write, driven from tests: mosquitto_pub and mosquitto_sub processes. */
package org.swarmsense.fieldtests.clients;
